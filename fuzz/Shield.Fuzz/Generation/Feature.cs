namespace Shield.Fuzz.Generation;

/// <summary>
/// The shapes the generator can produce, by name. A campaign counts how many methods used each, so a batch that
/// never produced one is visible; <see cref="All"/> lists them in report order.
/// </summary>
public static class Feature
{
    public const string ReturnsTask = "returns Task";
    public const string ReturnsTaskOfT = "returns Task<T>";
    public const string ReturnsValueTask = "returns ValueTask";
    public const string ReturnsValueTaskOfT = "returns ValueTask<T>";
    public const string StaticMethod = "static method";
    public const string ClassReceiver = "class instance method";
    public const string StructReceiver = "struct receiver";
    public const string GenericType = "generic type";
    public const string GenericMethod = "generic method";
    public const string GenericStruct = "generic struct receiver";
    public const string GenericMethodInGenericType = "generic method in a generic type";
    public const string TupleResult = "tuple result";
    public const string BoolResult = "bool result";
    public const string Deadline = "[Shield(TimeoutMilliseconds)] (a deadline that never fires)";
    public const string PassThroughLambda = "not async, through Task.Run and a lambda";
    public const string PassThroughFastPath = "not async, with a synchronous fast path";
    public const string AwaitForeach = "await foreach";
    public const string CustomAwaiter = "custom awaiter (INotifyCompletion only)";
    public const string ShieldedLambda = "[Shield] lambda";
    public const string InstanceState = "instance field read and written";
    public const string OneToken = "one token parameter";
    public const string TwoTokens = "two token parameters";
    public const string ThreeTokens = "three token parameters";
    public const string OtherCallerToken = "a second caller token that never fires";
    public const string NullableToken = "CancellationToken? parameter";
    public const string UnusedToken = "token parameter the body never uses";
    public const string ShieldOnType = "[Shield] on the type";
    public const string PassThrough = "not async (pass-through to an async core)";
    public const string Pause = "await a pause";
    public const string PauseValueTask = "await a ValueTask";
    public const string ConfigureAwait = "ConfigureAwait(false)";
    public const string StartedBeforeAwait = "task started, awaited later";
    public const string CompletedAwait = "await an already completed task (synchronous fast path)";
    public const string EarlyReturn = "early return";
    public const string Yield = "await Task.Yield()";
    public const string TernaryAwait = "await (c ? a : b)";
    public const string NullConditionalAwait = "await x?.M()";
    public const string SwitchExpressionAwait = "await (x switch { ... })";
    public const string AwaitInExpression = "awaits inside an expression (spilled)";
    public const string If = "if/else";
    public const string ForLoop = "for loop";
    public const string WhileLoop = "while loop";
    public const string DoLoop = "do/while loop";
    public const string ForeachLoop = "foreach loop";
    public const string AwaitInLoop = "await in a loop";
    public const string BreakOrContinue = "break or continue";
    public const string Switch = "switch statement";
    public const string AwaitInSwitch = "await in a switch section";
    public const string TryCatch = "try/catch";
    public const string TryFinally = "try/finally (besides the outer one)";
    public const string AwaitInTry = "await in a try block";
    public const string AwaitInCatch = "await in a catch block";
    public const string AwaitInFinally = "await in a finally block";
    public const string CatchFilter = "catch with a when filter";
    public const string Rethrow = "rethrow";
    public const string Using = "using block";
    public const string UsingDeclaration = "using declaration";
    public const string AwaitUsing = "await using block";
    public const string AwaitUsingDeclaration = "await using declaration";
    public const string Throw = "throw";
    public const string ThrowCanceled = "throw OperationCanceledException";
    public const string NullReference = "await of a null task (NullReferenceException)";
    public const string TokenInLambda = "token captured by a lambda";
    public const string TokenInLocalFunction = "token captured by a local function";
    public const string ShieldedLocalFunction = "[Shield] local function";
    public const string TokenRegistration = "token registration";
    public const string LinkedTokenSource = "linked token source";
    public const string ThrowIfCancellationRequested = "ThrowIfCancellationRequested";
    public const string IsCancellationRequested = "IsCancellationRequested";
    public const string TokenToTaskRun = "token passed to Task.Run";
    public const string NoneToken = "CancellationToken.None passed on";
    public const string CanceledWhileRunning = "caller canceled while the body runs (a step cancels it)";
    public const string CallSite = "call site shielded by a Calls pattern (the body in a second, unwoven assembly)";

    public static IReadOnlyList<string> All { get; } =
    [
        ReturnsTask, ReturnsTaskOfT, ReturnsValueTask, ReturnsValueTaskOfT,
        TupleResult, BoolResult,
        StaticMethod, ClassReceiver, StructReceiver, GenericType, GenericStruct, GenericMethod, GenericMethodInGenericType, InstanceState,
        OneToken, TwoTokens, ThreeTokens, OtherCallerToken, NullableToken, UnusedToken, ShieldOnType, Deadline, PassThrough, PassThroughLambda, PassThroughFastPath,
        Pause, PauseValueTask, ConfigureAwait, StartedBeforeAwait, CompletedAwait, CustomAwaiter, EarlyReturn, Yield,
        TernaryAwait, NullConditionalAwait, SwitchExpressionAwait, AwaitInExpression,
        If, ForLoop, WhileLoop, DoLoop, ForeachLoop, AwaitForeach, AwaitInLoop, BreakOrContinue, Switch, AwaitInSwitch,
        TryCatch, TryFinally, AwaitInTry, AwaitInCatch, AwaitInFinally, CatchFilter, Rethrow,
        Using, UsingDeclaration, AwaitUsing, AwaitUsingDeclaration,
        Throw, ThrowCanceled, NullReference,
        TokenInLambda, TokenInLocalFunction, ShieldedLambda, ShieldedLocalFunction, TokenRegistration, LinkedTokenSource,
        ThrowIfCancellationRequested, IsCancellationRequested, TokenToTaskRun, NoneToken, CanceledWhileRunning,
        CallSite,
    ];
}
