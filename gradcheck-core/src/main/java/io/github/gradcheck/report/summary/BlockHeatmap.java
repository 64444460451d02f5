package io.github.gradcheck.report.summary;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.format.Shapes;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One block's relative errors as an SVG heatmap shaped like the block, so that a pattern in the
 * errors (one row, one column, the diagonal, everything) shows at a glance.
 *
 * <p>A matrix is drawn rows × columns, a vector as one row, a scalar as one cell; a block of rank
 * above 2 is flattened to (all but the last dimension) × last dimension, row-major, as
 * {@code numpy.reshape(-1, n)} would. A block wider or taller than {@value #MAX_CELLS} cells is
 * drawn in tiles, each coloured by the largest relative error in it, so that no error is hidden by
 * averaging. Elements that mismatch among the report's worst offenders are outlined.
 */
final class BlockHeatmap {

    /** The most cells drawn along one side: enough to see structure, few enough for a light page. */
    static final int MAX_CELLS = 96;

    private static final int MAX_WIDTH = 960;
    private static final int MAX_CELL = 28;
    private static final int MIN_CELL = 4;
    private static final String HEX_DIGITS = "0123456789abcdef";

    private final BlockSummary block;
    private final int rows;
    private final int cols;
    private final double[] relativeErrors;
    private final double[] analytic;
    private final double[] numeric;
    private final Set<Integer> mismatching = new HashSet<>();

    BlockHeatmap(GradientCheckReport report, BlockSummary block) {
        this.block = block;
        List<Integer> shape = block.shape();
        int last = shape.isEmpty() ? 1 : shape.get(shape.size() - 1);
        this.cols = Math.max(last, 1);
        this.rows = Math.max(block.size() / this.cols, 1);
        double floor = report.settings().relativeErrorFloor();
        double[] g = report.gradient();
        double[] n = report.numericGradient();
        this.analytic = new double[block.size()];
        this.numeric = new double[block.size()];
        this.relativeErrors = new double[block.size()];
        for (int k = 0; k < block.size(); k++) {
            analytic[k] = g[block.offset() + k];
            numeric[k] = n[block.offset() + k];
            relativeErrors[k] = Math.abs(analytic[k] - numeric[k]) / Math.max(Math.abs(analytic[k]) + Math.abs(numeric[k]), floor);
        }
        for (Offender offender : report.worstOffenders()) {
            if (offender.block().equals(block.name()) && offender.verdict() == ElementVerdict.MISMATCH) {
                mismatching.add(offender.index() - block.offset());
            }
        }
    }

    /** Rows as drawn: the product of all dimensions but the last; 1 for a vector or a scalar. */
    int rows() {
        return rows;
    }

    /** Columns as drawn: the last dimension; 1 for a scalar. */
    int cols() {
        return cols;
    }

    /** How many elements one drawn cell stands for along a side; 1 unless the block is larger than {@value #MAX_CELLS}. */
    int tileRows() {
        return ceilDiv(rows, MAX_CELLS);
    }

    int tileCols() {
        return ceilDiv(cols, MAX_CELLS);
    }

    /** The SVG element, with a {@code <title>} tooltip per cell. */
    String svg() {
        int tileRows = tileRows();
        int tileCols = tileCols();
        int shownRows = ceilDiv(rows, tileRows);
        int shownCols = ceilDiv(cols, tileCols);
        int cell = Math.max(MIN_CELL, Math.min(MAX_CELL, MAX_WIDTH / shownCols));
        int width = shownCols * cell;
        int height = shownRows * cell;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"relative errors of ").append(Html.escape(block.name())).append(", ")
                .append(rows).append(" by ").append(cols).append("\">");
        for (int tr = 0; tr < shownRows; tr++) {
            for (int tc = 0; tc < shownCols; tc++) {
                appendCell(svg, tr, tc, tileRows, tileCols, cell);
            }
        }
        return svg.append("</svg>").toString();
    }

    private void appendCell(StringBuilder svg, int tr, int tc, int tileRows, int tileCols, int cell) {
        double worst = 0;
        int worstK = -1;
        boolean outlined = false;
        for (int r = tr * tileRows; r < Math.min(rows, (tr + 1) * tileRows); r++) {
            for (int c = tc * tileCols; c < Math.min(cols, (tc + 1) * tileCols); c++) {
                int k = r * cols + c;
                // The largest checked error wins; an element not checked (NaN) only where none in the tile was.
                boolean checked = !Double.isNaN(relativeErrors[k]);
                if (worstK < 0 || (checked && (relativeErrors[k] > worst || Double.isNaN(worst)))) {
                    worst = relativeErrors[k];
                    worstK = k;
                }
                outlined |= mismatching.contains(k);
            }
        }
        svg.append("<rect x=\"").append(tc * cell).append("\" y=\"").append(tr * cell).append("\" width=\"").append(cell)
                .append("\" height=\"").append(cell).append("\" fill=\"").append(color(worst)).append('"');
        if (outlined) {
            svg.append(" class=\"mismatch\"");
        }
        svg.append("><title>").append(Html.escape(title(tr, tc, tileRows, tileCols, worstK))).append("</title></rect>");
    }

    private String title(int tr, int tc, int tileRows, int tileCols, int worstK) {
        String values = Double.isNaN(numeric[worstK]) ? "analytic " + value(analytic[worstK]) + ", not checked"
                : "analytic " + value(analytic[worstK]) + ", numeric " + value(numeric[worstK])
                        + ", rel. error " + Numbers.ratio(relativeErrors[worstK]);
        if (tileRows == 1 && tileCols == 1) {
            return label(worstK) + ": " + values;
        }
        return block.name() + " rows " + tr * tileRows + "–" + (Math.min(rows, (tr + 1) * tileRows) - 1) + ", columns "
                + tc * tileCols + "–" + (Math.min(cols, (tc + 1) * tileCols) - 1) + ": worst " + label(worstK) + ", " + values;
    }

    /** The element's label as the report writes it, {@code W2[1,3]}. */
    String label(int k) {
        return Shapes.label(block.name(), block.shape(), k);
    }

    private static String value(double v) {
        return Numbers.value(v);
    }

    /**
     * The colour of a relative error on a log scale from 1e-12 (pale green) through 1e-6 (yellow)
     * and 1e-3 (orange) to 1 (dark red): the course's scale, read per element. NaN (an element a
     * sampled or random-direction check did not look at) is grey.
     */
    static String color(double relativeError) {
        if (Double.isNaN(relativeError)) {
            return "#9ca3af";
        }
        double t = (Math.log10(Math.max(relativeError, 1e-12)) + 12) / 12;
        t = Math.max(0, Math.min(1, t));
        int[][] stops = {{0xe8, 0xf5, 0xe9}, {0xfd, 0xe6, 0x8a}, {0xf9, 0x73, 0x16}, {0x7f, 0x1d, 0x1d}};
        double[] at = {0, 0.5, 0.75, 1};
        int i = t >= at[2] ? 2 : t >= at[1] ? 1 : 0;
        double f = (t - at[i]) / (at[i + 1] - at[i]);
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = (int) Math.round(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]));
        }
        // #rrggbb written by hand, not by a Formatter: a page has a colour per cell and 60 in the
        // legend, and the summary of one check is written in a JVM where nothing is warm yet.
        StringBuilder hex = new StringBuilder(7).append('#');
        for (int channel : rgb) {
            hex.append(HEX_DIGITS.charAt(channel >> 4)).append(HEX_DIGITS.charAt(channel & 0xf));
        }
        return hex.toString();
    }

    /** The colour scale, as a small SVG bar with the course's marks. */
    static String legend() {
        StringBuilder svg = new StringBuilder("<svg class=\"legend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"400\""
                + " height=\"34\" viewBox=\"0 0 400 34\" role=\"img\" aria-label=\"colour scale of relative errors\">");
        for (int i = 0; i < 60; i++) {
            double exponent = -12 + 12.0 * (i + 0.5) / 60;
            svg.append("<rect x=\"").append(20 + i * 6).append("\" y=\"0\" width=\"6\" height=\"14\" fill=\"")
                    .append(color(Math.pow(10, exponent))).append("\"/>");
        }
        String[] marks = {"1e-12", "1e-9", "1e-6", "1e-3", "1"};
        for (int m = 0; m < marks.length; m++) {
            int x = 20 + m * 90;
            svg.append("<line x1=\"").append(x).append("\" y1=\"14\" x2=\"").append(x).append("\" y2=\"18\" stroke=\"#444\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"30\" text-anchor=\"middle\">").append(marks[m]).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
