package io.github.gradcheck.internal.text;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.DifferenceScale;
import io.github.gradcheck.report.GradientCheckReport;

/**
 * The overall difference in words that agree with the verdict, the one place they are written:
 * the failure message, the console and the HTML page read the same.
 *
 * <p>The course's scale reads one number; the verdict is reached element by element. Where the
 * two disagree, the words say why, from numbers the check computed rather than guessed: a passed
 * check whose difference is large says how much of it the elements at kinks or too small to
 * resolve account for ({@link GradientCheckReport#differenceOfMatches()}); a failed check whose
 * difference is great says whether the mismatches are diluted by the many elements that match or
 * are small on their own ({@link GradientCheckReport#differenceOfMismatches()}).
 */
public final class DifferenceText {

    private DifferenceText() {
    }

    /**
     * The difference with the words a reader needs, e.g. {@code 3.000e-09: great}, or
     * {@code 6.019e-03 comes from the 9 elements at kinks of the loss: without them 2.100e-09, great}.
     *
     * @param report a report
     * @return the number first, then its reading; no legend
     */
    public static String reading(GradientCheckReport report) {
        String difference = Numbers.difference(report.difference());
        if (agrees(report)) {
            return difference + ": " + report.scale().words();
        }
        if (report.mismatches() == 0) {
            if (leftOutAccountForIt(report)) {
                return difference + " comes from the " + leftOut(report) + ": without them "
                        + Numbers.difference(report.differenceOfMatches()) + ", great";
            }
            return difference + ": " + report.scale().words() + " on the course's fixed scale, which does not know the"
                    + " numeric derivatives' own error; measured against it, no element mismatches" + withoutLeftOut(report);
        }
        String mismatches = mismatches(report.mismatches());
        String own = Numbers.difference(report.differenceOfMismatches());
        DifferenceScale ownScale = DifferenceScale.of(report.differenceOfMismatches());
        if (ownScale != DifferenceScale.GREAT) {
            int others = report.checkedElements() - report.mismatches();
            return difference + ": great overall only because the " + others + " other checked "
                    + (others == 1 ? "element outweighs " : "elements outweigh ") + mismatches + ", "
                    + (report.mismatches() == 1 ? "which on its own reads " : "which on their own read ") + own + ": "
                    + ownScale.words();
        }
        return difference + ": great on the course's scale, yet " + mismatches + " (" + own + " on "
                + (report.mismatches() == 1 ? "its" : "their") + " own) "
                + (report.mismatches() == 1 ? "is" : "are") + " beyond " + Numbers.setting(report.settings().margin())
                + "× the numeric derivative's estimated error: an error too small for the course's scale, which the check"
                + " resolves";
    }

    /**
     * Why the course's words disagree with the verdict, in a few words for a table cell, e.g.
     * {@code difference from 9 elements at kinks of the loss}.
     *
     * @param report a report
     * @return the few words; empty where the course's words agree with the verdict
     */
    public static String note(GradientCheckReport report) {
        if (agrees(report)) {
            return "";
        }
        if (report.mismatches() == 0) {
            return leftOutAccountForIt(report) ? "difference from " + leftOut(report)
                    : "difference " + report.scale().words() + " on the course's scale, within the numeric error";
        }
        return DifferenceScale.of(report.differenceOfMismatches()) != DifferenceScale.GREAT
                ? "difference small only because the other elements outweigh " + mismatches(report.mismatches())
                : "difference great, but " + mismatches(report.mismatches()) + (report.mismatches() == 1 ? " is" : " are")
                        + " beyond the numeric error";
    }

    /**
     * A block's difference in words for its row of the block table: the course's words where they
     * agree with the block's verdict; otherwise {@code great without kinks} where the block's matches
     * alone read great (its kinks or unreliable elements account for the rest), or the course's words
     * with what the verdict found, e.g. {@code look closer, yet no mismatch}.
     *
     * @param block a block of a report
     * @return a few words
     */
    public static String blockWords(BlockSummary block) {
        String words = block.scale().words();
        if (block.passed() == (block.scale() == DifferenceScale.GREAT)) {
            return words;
        }
        if (!block.passed()) {
            return words + ", yet " + (block.mismatches() == 1 ? "1 mismatch" : block.mismatches() + " mismatches");
        }
        if (block.kinks() + block.unreliable() > 0 && DifferenceScale.of(block.differenceOfMatches()) == DifferenceScale.GREAT) {
            return "great without " + (block.unreliable() == 0 ? "kinks" : block.kinks() == 0 ? "unreliable" : "kinks, unreliable");
        }
        return words + ", yet no mismatch";
    }

    /**
     * Elements that all match read great, a mismatch does not. The difference speaks of the
     * elements only: a layer whose elements match but whose backward pass breaks a contract fails
     * for that, not for its difference.
     */
    private static boolean agrees(GradientCheckReport report) {
        return (report.mismatches() == 0) == (report.scale() == DifferenceScale.GREAT);
    }

    /** Whether, without the kinks and unreliable elements, the difference of a passed check is great. */
    private static boolean leftOutAccountForIt(GradientCheckReport report) {
        return report.kinks() + report.unreliable() > 0
                && DifferenceScale.of(report.differenceOfMatches()) == DifferenceScale.GREAT;
    }

    /** {@code ; without the 9 elements at kinks of the loss 5.000e-05: look closer}, or nothing. */
    private static String withoutLeftOut(GradientCheckReport report) {
        if (report.kinks() + report.unreliable() == 0) {
            return "";
        }
        return "; without the " + leftOut(report) + " " + Numbers.difference(report.differenceOfMatches()) + ": "
                + DifferenceScale.of(report.differenceOfMatches()).words();
    }

    /** {@code 9 elements at kinks of the loss and 2 too small to resolve}. */
    private static String leftOut(GradientCheckReport report) {
        int kinks = report.kinks();
        int unreliable = report.unreliable();
        String atKinks = kinks == 1 ? "1 element at a kink of the loss" : kinks + " elements at kinks of the loss";
        if (unreliable == 0) {
            return atKinks;
        }
        String tooSmall = unreliable + " too small to resolve";
        if (kinks == 0) {
            return unreliable + (unreliable == 1 ? " element" : " elements") + " too small to resolve";
        }
        return atKinks + " and " + tooSmall;
    }

    /** {@code the 1 mismatch}, {@code the 3 mismatches}. */
    private static String mismatches(int count) {
        return "the " + count + (count == 1 ? " mismatch" : " mismatches");
    }
}
