using System;
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
                AddOne(s_walkedAway, operation);
            }
        }

        /// <summary>Whether a listener counts walk-aways, which only the registry's token callback can see.</summary>
        public static bool WalkedAwayEnabled => s_walkedAway.Enabled;

        public static void UnobservedFault(ShieldedOperation operation)
        {
            if (s_unobservedFaults.Enabled)
            {
                AddOne(s_unobservedFaults, operation);
            }
        }

        public static bool DurationEnabled => s_duration.Enabled;

        public static void Duration(ShieldedOperation operation, double seconds)
        {
            try
            {
                s_duration.Record(seconds, operation.MetricTag);
            }
#pragma warning disable CA1031 // See ListenerFailures.
            catch (Exception listenerException)
#pragma warning restore CA1031
            {
                ListenerFailures.Trace($"recording {s_duration.Name} for {operation.Name}", listenerException);
            }
        }

        // Recording runs every listening MeterListener's callback on this thread, in the middle of a call's end or a
        // walk-away: what a listener throws is traced (ListenerFailures) and goes no further.
        static void AddOne(Counter<long> counter, ShieldedOperation operation)
        {
            try
            {
                counter.Add(1, operation.MetricTag);
            }
#pragma warning disable CA1031 // See ListenerFailures.
            catch (Exception listenerException)
#pragma warning restore CA1031
            {
                ListenerFailures.Trace($"recording {counter.Name} for {operation.Name}", listenerException);
            }
        }

        static IEnumerable<Measurement<int>> ObserveInFlight()
        {
            foreach (var pair in OperationsInFlight.CountByOperation())
            {
                yield return new Measurement<int>(pair.Value, pair.Key.MetricTag);
            }
        }
    }
}
