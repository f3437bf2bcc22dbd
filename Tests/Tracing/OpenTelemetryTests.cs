using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shield;
using Shield.Benchmarks.Subjects;
using Tests.Infrastructure;

namespace Tests.Tracing;

/// <summary>
/// The spans as an application sees them: the real OpenTelemetry SDK with <c>AddSource("Shield")</c> and the
/// in-memory exporter, over woven subjects that run on the runtime of the test process.
/// </summary>
[NonParallelizable]
public class OpenTelemetryTests
{
    [Test]
    public async Task TheSdkExportsABodyThatOutlivedItsCaller()
    {
        Woven.Require(typeof(Orders));
        var exported = new List<Activity>();
        Task call;
        using (Sdk.CreateTracerProviderBuilder().AddSource("Shield", ActivityRecorder.Tests.Name).AddInMemoryExporter(exported).Build())
        {
            var gate = new TaskCompletionSource();
            using var callerToken = new CancellationTokenSource();
            var caller = ActivityRecorder.Tests.StartActivity("request")!;
            call = new Orders().ShieldedStoreAsync(gate.Task, callerToken.Token);
            callerToken.Cancel();
            caller.Stop();
            gate.SetResult();
            await Limits.Within(ShieldedOperations.DrainAsync(), "the body to end");
        }

        Assert.That(call.IsCanceled, Is.True);
        var request = exported.Single(span => span.Source.Name == ActivityRecorder.Tests.Name);
        var body = exported.Single(span => span.Source.Name == "Shield");
        Assert.That(exported.IndexOf(body), Is.GreaterThan(exported.IndexOf(request)), "exported when it ended, after the caller's span");
        Assert.That(body.DisplayName, Is.EqualTo("Shield.Benchmarks.Subjects.Orders.ShieldedStoreAsync"));
        Assert.That(body.ParentSpanId, Is.EqualTo(request.SpanId));
        Assert.That(body.TagObjects, Does.Contain(new KeyValuePair<string, object?>("shield.walked_away", true)));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }));
        Assert.That(request.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }));
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Unset));
    }
}
