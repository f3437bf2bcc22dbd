using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Shield
{
    /// <summary>
    /// The <c>Shield</c> meter. Instruments cost a branch per call while nobody listens; the in-flight gauge is
    /// observed on demand from the registry, so it costs nothing per call.
    /// </summary>
    internal static class ShieldMetrics
    {
        public const string MeterName = "Shield";

        static readonly Meter s_meter = new Meter(MeterName, typeof(ShieldMetrics).Assembly.GetName().Version?.ToString());

        static readonly Counter<long> s_walkedAway = s_meter.CreateCounter<long>(
            "shield.operations.walked_away", unit: "{call}", description: "Shielded calls whose caller stopped waiting.");

        static readonly Counter<long> s_unobservedFaults = s_meter.CreateCounter<long>(
            "shield.operations.unobserved_faults", unit: "{call}", description: "Shielded bodies that faulted or ended canceled after their caller stopped waiting.");

        static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>(
            "shield.operation.duration", unit: "s", description: "Duration of shielded bodies that suspended.");

        static ShieldMetrics() =>
            s_meter.CreateObservableUpDownCounter(
                "shield.operations.in_flight", ObserveInFlight, unit: "{call}", description: "Shielded bodies that have started and not finished.");

        public static void WalkedAway(ShieldedOperation operation)
        {
            if (s_walkedAway.Enabled)
            {
                s_walkedAway.Add(1, operation.MetricTag);
            }
        }

        /// <summary>Whether a listener counts walk-aways, which only the registry's token callback can see.</summary>
        public static bool WalkedAwayEnabled => s_walkedAway.Enabled;

        public static void UnobservedFault(ShieldedOperation operation)
        {
            if (s_unobservedFaults.Enabled)
            {
                s_unobservedFaults.Add(1, operation.MetricTag);
            }
        }

        public static bool DurationEnabled => s_duration.Enabled;

        public static void Duration(ShieldedOperation operation, double seconds) => s_duration.Record(seconds, operation.MetricTag);

        static IEnumerable<Measurement<int>> ObserveInFlight()
        {
            foreach (var pair in OperationsInFlight.CountByOperation())
            {
                yield return new Measurement<int>(pair.Value, pair.Key.MetricTag);
            }
        }
    }
}
