package io.github.gradcheck.heldoutlayers;

import java.util.List;
import java.util.Locale;

/** The held-out layer types, each with the inputs it is checked at for false alarms. */
enum LayerKind {
    LAYER_NORM(List.of(Variant.STANDARD, Variant.HARD_INPUTS)),
    GRU_CELL(List.of(Variant.STANDARD)),
    DEPTHWISE_CONV1D(List.of(Variant.STANDARD)),
    GELU(List.of(Variant.STANDARD)),
    EMBEDDING_BAG(List.of(Variant.STANDARD)),
    RESIDUAL_BLOCK(List.of(Variant.STANDARD, Variant.EXACT_KINKS)),
    HUBER_LOSS(List.of(Variant.STANDARD, Variant.EXACT_KINKS)),
    FLOAT_LAYER_NORM(List.of(Variant.STANDARD));

    private final List<Variant> variants;

    LayerKind(List<Variant> variants) {
        this.variants = variants;
    }

    /** The variants its correct layer (and its mutants) are checked at. */
    List<Variant> variants() {
        return variants;
    }

    /** The correct layer at one seed. */
    HeldOutLayer correct(long seed, Variant variant) {
        return withBug(seed, variant, null);
    }

    /** The layer with {@code bug} (a constant of its own {@code Bug} enum, or null for none). */
    HeldOutLayer withBug(long seed, Variant variant, Enum<?> bug) {
        return switch (this) {
            case LAYER_NORM -> new LayerNormLayer(seed, variant, (LayerNormLayer.Bug) bug);
            case GRU_CELL -> new GruCellLayer(seed, variant, (GruCellLayer.Bug) bug);
            case DEPTHWISE_CONV1D -> new DepthwiseConv1dLayer(seed, variant, (DepthwiseConv1dLayer.Bug) bug);
            case GELU -> new GeluLayer(seed, variant, (GeluLayer.Bug) bug);
            case EMBEDDING_BAG -> new EmbeddingBagLayer(seed, variant, (EmbeddingBagLayer.Bug) bug);
            case RESIDUAL_BLOCK -> new ResidualBlockLayer(seed, variant, (ResidualBlockLayer.Bug) bug);
            case HUBER_LOSS -> new HuberLossLayer(seed, variant, (HuberLossLayer.Bug) bug);
            case FLOAT_LAYER_NORM -> new FloatLayerNormLayer(seed, variant, (FloatLayerNormLayer.Bug) bug);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
