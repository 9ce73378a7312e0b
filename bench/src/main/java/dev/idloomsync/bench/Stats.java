package dev.idloomsync.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics over a run's samples. */
final class Stats {
    private Stats() {
    }

    static double median(List<? extends Number> samples) {
        return percentile(samples, 50);
    }

    /** The nearest-rank percentile. */
    static double percentile(List<? extends Number> samples, double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = samples.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double min(List<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }
}
