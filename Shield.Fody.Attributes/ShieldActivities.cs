using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// The "Shield" <see cref="ActivitySource"/>: one Activity per shielded call while a listener samples it, started
    /// before the body runs and stopped when the body ends, with the caller's walking away recorded on both sides.
    /// Nothing here runs while nobody listens: woven code checks <see cref="ActivitySource.HasListeners"/> first.
    /// </summary>
    internal static class ShieldActivities
    {
        public const string SourceName = "Shield";

        public static readonly ActivitySource Source = new ActivitySource(SourceName, typeof(ShieldActivities).Assembly.GetName().Version?.ToString());

        /// <summary>
        /// Starts the body's Activity and makes it <see cref="Activity.Current"/>, so that spans the body starts are its
        /// children. Returns null when no listener samples it, with <see cref="Activity.Current"/> as it was.
        /// </summary>
        public static ShieldSpan? Start(ShieldedOperation operation)
        {
            var caller = Activity.Current;
            Activity? body;
            if (ShieldedOperations.Tracing == ShieldTracing.NewTraceWithLink)
            {
                // StartActivity parents to Activity.Current whenever the parent context is default
                // (dotnet/runtime#65528): a real root needs Current cleared first.
                Activity.Current = null;
                var links = caller is null ? null : new[] { new ActivityLink(caller.Context) };
                body = Source.StartActivity(operation.Name, ActivityKind.Internal, default(ActivityContext), tags: null, links);
            }
            else
            {
                body = Source.StartActivity(operation.Name, ActivityKind.Internal);
            }

            if (body is null)
            {
                Activity.Current = caller;
                return null;
            }

            if (body.IsAllDataRequested)
            {
                body.SetTag("shield.operation", operation.Name);
                if (operation.TimeoutMilliseconds > 0)
                {
                    body.SetTag("shield.timeout_ms", operation.TimeoutMilliseconds);
                }
            }

            return new ShieldSpan(body, caller);
        }

        /// <summary>Gives the caller back its own <see cref="Activity.Current"/> as the call returns.</summary>
        public static void Return(ShieldSpan span) => Activity.Current = span.Caller;

        /// <summary>
        /// The caller's token fired while the body runs: an event on the body's Activity and on the caller's, if that
        /// has not stopped. Called from the token's callback, so both are there when <c>Cancel()</c> returns.
        /// </summary>
        public static void WalkedAway(ShieldSpan? span, ShieldedOperation operation)
        {
            if (span is null)
            {
                return;
            }

            span.Body.AddEvent(new ActivityEvent("shield.walked_away"));
            span.Body.SetTag("shield.walked_away", true);
            if (span.Caller is { IsStopped: false } caller)
            {
                caller.AddEvent(new ActivityEvent("shield.walked_away", tags: new ActivityTagsCollection { { "shield.operation", operation.Name } }));
            }
        }

        /// <summary>Stops the body's Activity as the body ends with <paramref name="exception"/> (null: it ran to completion).</summary>
        public static void End(ShieldSpan? span, Exception? exception, CancellationTokenSource? deadline)
        {
            if (span is null || !span.TryEnd())
            {
                return;
            }

            var body = span.Body;
            if (exception is OperationCanceledException)
            {
                body.SetStatus(ActivityStatusCode.Error, deadline is { IsCancellationRequested: true } ? "deadline" : "canceled");
            }
            else if (exception != null)
            {
                body.SetStatus(ActivityStatusCode.Error, exception.Message);
                body.AddEvent(ExceptionEvent(exception));
            }

            // Stop makes the body's parent current on this thread (none, for a new trace). Whatever this thread had
            // current stays so: a caller that had its own Activity given back (Return) keeps it, and an end that runs as
            // a continuation leaves the code that completed the body as it was. A stopped Activity cannot be made
            // current again, so one that was stops being current here, as Stop would have it.
            var current = Activity.Current;
            try
            {
                // Runs every ActivityListener's ActivityStopped on this thread (see ListenerFailures).
                body.Stop();
            }
#pragma warning disable CA1031 // See ListenerFailures.
            catch (Exception listenerException)
#pragma warning restore CA1031
            {
                ListenerFailures.Trace($"stopping the span of {body.OperationName}", listenerException);
            }

            if (!ReferenceEquals(current, body) && current is not { IsStopped: true })
            {
                Activity.Current = current;
            }
        }

        /// <summary>Stops the body's Activity with the outcome of <paramref name="body"/>, once it has one; a null task ran to completion.</summary>
        public static void EndWhenDone(ShieldSpan span, Task? body, CancellationTokenSource? deadline)
        {
            if (body is null || body.IsCompleted)
            {
                End(span, ExceptionOf(body), deadline);
                return;
            }

            body.ContinueWith(
                static (ended, state) =>
                {
                    var (span, deadline) = ((ShieldSpan, CancellationTokenSource?))state!;
                    End(span, ExceptionOf(ended), deadline);
                },
                (span, deadline),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        static Exception? ExceptionOf(Task? body) =>
            body is null || body.Status == TaskStatus.RanToCompletion ? null
            : body.IsFaulted ? body.Exception!.InnerExceptions[0]
            : new OperationCanceledException();

        /// <summary>The event <c>Activity.AddException</c> (DiagnosticSource 9+) writes, with its tag names.</summary>
        static ActivityEvent ExceptionEvent(Exception exception) =>
            new ActivityEvent("exception", tags: new ActivityTagsCollection
            {
                { "exception.type", exception.GetType().FullName },
                { "exception.message", exception.Message },
                { "exception.stacktrace", exception.ToString() },
            });
    }
}
