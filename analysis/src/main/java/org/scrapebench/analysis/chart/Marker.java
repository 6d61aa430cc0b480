package org.scrapebench.analysis.chart;

/**
 * Point shapes, so that a fork, a model or a verdict is told apart by shape
 * as well as by colour. Each is a path around the origin, placed with
 * {@code transform="translate(x y)"}: the translation is the data point.
 */
public enum Marker {
    CIRCLE, SQUARE, TRIANGLE, DIAMOND, TRIANGLE_DOWN;

    /** The path of this shape with half-size {@code r}. */
    String path(double r) {
        String p = SvgWriter.px(r);
        String n = SvgWriter.px(-r);
        return switch (this) {
            case CIRCLE -> "M" + n + ",0A" + p + "," + p + " 0 1,0 " + p + ",0A" + p + "," + p + " 0 1,0 " + n + ",0Z";
            case SQUARE -> "M" + n + "," + n + "H" + p + "V" + p + "H" + n + "Z";
            case TRIANGLE -> "M0," + SvgWriter.px(-r * 1.2) + "L" + SvgWriter.px(r * 1.1) + "," + SvgWriter.px(r * 0.8)
                    + "H" + SvgWriter.px(-r * 1.1) + "Z";
            case DIAMOND -> "M0," + SvgWriter.px(-r * 1.3) + "L" + SvgWriter.px(r * 1.3) + ",0L0,"
                    + SvgWriter.px(r * 1.3) + "L" + SvgWriter.px(-r * 1.3) + ",0Z";
            case TRIANGLE_DOWN -> "M0," + SvgWriter.px(r * 1.2) + "L" + SvgWriter.px(r * 1.1) + ","
                    + SvgWriter.px(-r * 0.8) + "H" + SvgWriter.px(-r * 1.1) + "Z";
        };
    }

    /** The shape for the i-th fork or series, cycling. */
    static Marker nth(int i) {
        return values()[Math.floorMod(i, values().length)];
    }

    /**
     * Draws the marker at (x, y) with {@code title} as its tooltip; {@code attributes} add to the
     * element (class, data-*). Hollow when {@code fill} is null.
     */
    void draw(SvgWriter svg, double x, double y, double r, String colour, String fill, String title,
              String... attributes) {
        String[] all = new String[attributes.length + 10];
        System.arraycopy(attributes, 0, all, 0, attributes.length);
        int i = attributes.length;
        all[i] = "transform";
        all[i + 1] = "translate(" + SvgWriter.px(x) + " " + SvgWriter.px(y) + ")";
        all[i + 2] = "d";
        all[i + 3] = path(r);
        all[i + 4] = "fill";
        all[i + 5] = fill == null ? "#ffffff" : fill;
        all[i + 6] = "stroke";
        all[i + 7] = colour;
        all[i + 8] = "stroke-width";
        all[i + 9] = "1.2";
        svg.withTitle("path", title, all);
    }
}
