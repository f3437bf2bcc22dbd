using System.Reflection;
using System.Runtime.ExceptionServices;
using Shield.Fuzz.Body;
using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Running;

/// <summary>Calls a generated method of a loaded build the way a caller would, and reads what its task ended with.</summary>
public static class MethodInvoker
{
    /// <summary>
    /// Calls the method with <paramref name="callerToken"/> in the token parameters that get the caller's token
    /// (none when null) and returns the task the caller receives (a ValueTask as its task).
    /// </summary>
    public static Task Call(Assembly build, GeneratedMethod method, StepLog log, CancellationToken? callerToken)
    {
        var genericArgument = method.GenericArgument == GenericArgument.String ? typeof(string) : typeof(int);
        var type = build.GetType($"{GeneratedMethod.Namespace}.{method.TypeName}", throwOnError: true)!;
        if (method.Receiver == Receiver.GenericType)
        {
            type = type.MakeGenericType(genericArgument);
        }

        var target = method.Receiver == Receiver.Static ? null : Activator.CreateInstance(type);
        var run = type.GetMethod(GeneratedMethod.MethodName)!;
        if (method.IsGenericMethod)
        {
            run = run.MakeGenericMethod(genericArgument);
        }

        var arguments = method.Parameters.Select(p => Argument(method, p, log, callerToken)).ToArray();
        object returned;
        try
        {
            returned = run.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException != null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }

        return returned switch
        {
            Task task => task,
            ValueTask valueTask => valueTask.AsTask(),
            _ => (Task)returned.GetType().GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null)!,
        };
    }

    /// <summary>"returned X" or "threw Type: message", for a completed task.</summary>
    public static string Describe(GeneratedMethod method, Task task)
    {
        if (task.Status == TaskStatus.RanToCompletion)
        {
            return method.HasResult ? $"returned {task.GetType().GetProperty("Result")!.GetValue(task) ?? "null"}" : "returned";
        }

        try
        {
            task.GetAwaiter().GetResult();
            throw new InvalidOperationException("A task that did not run to completion must throw.");
        }
        catch (Exception exception)
        {
            return Threw(exception);
        }
    }

    public static string Threw(Exception exception) => $"threw {exception.GetType().FullName}: {exception.Message}";

    /// <summary>A second caller token, for parameters that get one: cancelable, and never canceled.</summary>
    static readonly CancellationToken OtherToken = new CancellationTokenSource().Token;

    static object? Argument(GeneratedMethod method, ParameterSpec parameter, StepLog log, CancellationToken? callerToken)
    {
        var token = callerToken is null ? null
            : parameter.GetsCallerToken ? callerToken
            : parameter.GetsOtherToken ? OtherToken
            : null;
        return parameter.Kind switch
        {
            ParameterKind.Log => log,
            ParameterKind.Number => method.Number,
            ParameterKind.GenericValue => method.GenericArgument == GenericArgument.String ? "v7" : 7,
            ParameterKind.Token => token ?? CancellationToken.None,
            _ => token ?? (method.NullForNoToken ? null : CancellationToken.None),
        };
    }
}
