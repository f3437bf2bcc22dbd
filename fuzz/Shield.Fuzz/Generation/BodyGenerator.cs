namespace Shield.Fuzz.Generation;

/// <summary>
/// Writes the statements of one generated body: random, always compilable, deterministic for a given
/// <see cref="Random"/>. Every side effect is a step in the <c>StepLog log</c> parameter, every suspension a pause
/// the harness controls (or <c>Task.Yield</c>), and the int local <c>acc</c> carries values through the body so that
/// results and logs depend on what ran.
/// </summary>
public sealed class BodyGenerator
{
    static readonly string[] ThrownTypes =
        ["InvalidOperationException", "ArgumentException", "FormatException", "NotSupportedException", "TimeoutException", "OperationCanceledException"];

    static readonly string[] CaughtTypes = ["InvalidOperationException", "ArgumentException", "OperationCanceledException"];

    readonly Random _random;
    readonly ISet<string> _features;
    readonly HashSet<string> _usedTokens = [];
    readonly bool _hasInstanceState;
    readonly bool _hasGenericValue;
    int _names;
    int _budget;

    public BodyGenerator(Random random, ISet<string> features, bool hasInstanceState, bool hasGenericValue)
    {
        _random = random;
        _features = features;
        _hasInstanceState = hasInstanceState;
        _hasGenericValue = hasGenericValue;
        _budget = random.Next(6, 30);
    }

    /// <summary>The token parameters the body read, by name.</summary>
    public IReadOnlySet<string> UsedTokens => _usedTokens;

    /// <summary>Where a statement is written: what C# allows there, and what the feature counts want to know.</summary>
    /// <param name="Tokens">The token expressions the code may use: parameters by name, or other expressions.</param>
    /// <param name="ReturnValue">What <c>return</c> returns here; null in a body that returns nothing.</param>
    /// <param name="CanReturn">False inside a finally block.</param>
    /// <param name="CanLeaveLoop">True inside a loop, unless a finally block lies between.</param>
    /// <param name="CanRethrow">True directly inside a catch block.</param>
    public sealed record Scope(
        IReadOnlyList<TokenExpression> Tokens,
        string? ReturnValue,
        int Depth = 0,
        bool CanReturn = true,
        bool CanLeaveLoop = false,
        bool CanRethrow = false,
        bool InLoop = false,
        bool InTry = false,
        bool InCatch = false,
        bool InFinally = false,
        bool InSwitch = false,
        bool InClosure = false)
    {
        /// <summary>A lambda or local function body: none of the enclosing statement's context applies.</summary>
        public Scope Closure(IReadOnlyList<TokenExpression> tokens) =>
            new(tokens, "acc", Depth + 1, InClosure: true);
    }

    /// <summary>A token the body can pass on: <paramref name="Code"/> is how it is written.</summary>
    /// <param name="Parameter">The token parameter it reads, if any.</param>
    public sealed record TokenExpression(string Code, string? Parameter);

    /// <summary>Writes statements until the budget for this block runs out.</summary>
    public void Statements(CodeWriter w, Scope scope, int max)
    {
        var count = _random.Next(1, max + 1);
        for (var i = 0; i < count && _budget > 0; i++)
        {
            Statement(w, scope);
        }
    }

    void Statement(CodeWriter w, Scope scope)
    {
        _budget--;
        var nested = scope.Depth < 3 && _budget > 2;
        var choices = new List<(int Weight, Action Write)>
        {
            (8, () => w.Line($"log.Step(\"{Name("s")} \" + acc);")),
            (14, () => Pause(w, scope)),
            (4, () => CompletedAwait(w, scope)),
            (2, () => Yield(w, scope)),
            (3, () => TernaryAwait(w, scope)),
            (2, () => NullConditionalAwait(w, scope)),
            (2, () => SwitchExpressionAwait(w, scope)),
            (3, () => AwaitInExpression(w, scope)),
            (4, () => ConditionalThrow(w)),
            (2, () => TokenCheck(w, scope)),
            (1, () => TaskRun(w, scope)),
            (1, () => CancelCaller(w)),
        };

        if (nested)
        {
            choices.Add((5, () => If(w, scope)));
            choices.Add((7, () => Loop(w, scope)));
            choices.Add((3, () => Switch(w, scope)));
            choices.Add((9, () => Try(w, scope)));
            choices.Add((5, () => Using(w, scope)));
            choices.Add((3, () => AwaitUsing(w, scope)));
            choices.Add((2, () => Registration(w, scope)));
            choices.Add((2, () => LinkedSource(w, scope)));
        }

        if (nested && scope.Depth < 2)
        {
            choices.Add((2, () => Lambda(w, scope)));
            choices.Add((2, () => LocalFunction(w, scope)));
            choices.Add((1, () => ShieldedLocalFunction(w, scope)));
            choices.Add((1, () => ShieldedLambda(w, scope)));
        }

        if (scope.CanReturn)
        {
            choices.Add((2, () => EarlyReturn(w, scope)));
        }

        if (scope.CanLeaveLoop)
        {
            choices.Add((3, () => BreakOrContinue(w)));
        }

        if (scope.CanRethrow)
        {
            choices.Add((3, () => Rethrow(w)));
        }

        if (_hasInstanceState && !scope.InClosure)
        {
            choices.Add((2, () => InstanceState(w)));
        }

        if (_hasGenericValue)
        {
            choices.Add((2, () => w.Line($"log.Step(\"{Name("s")} value \" + value);")));
        }

        Pick(choices)();
    }

    void Pause(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.Pause);
        var token = Token(scope);
        switch (_random.Next(8))
        {
            case 0:
                w.Line($"await log.Pause({token});");
                break;
            case 7:
                _features.Add(Feature.CustomAwaiter);
                w.Line($"acc += await new StepAwaitable(log.PauseFor({Small()}, {token}));");
                break;
            case 1:
            case 2:
                w.Line($"acc += await log.PauseFor({Small()}, {token});");
                break;
            case 3:
                _features.Add(Feature.ConfigureAwait);
                w.Line(_random.Next(2) == 0
                    ? $"await log.Pause({token}).ConfigureAwait(false);"
                    : $"acc += await log.PauseFor({Small()}, {token}).ConfigureAwait(false);");
                break;
            case 4:
                _features.Add(Feature.PauseValueTask);
                w.Line($"acc += await new ValueTask<int>(log.PauseFor({Small()}, {token}));");
                break;
            case 5:
                _features.Add(Feature.PauseValueTask);
                w.Line($"await new ValueTask(log.Pause({token}));");
                break;
            default:
                _features.Add(Feature.StartedBeforeAwait);
                var started = Name("p");
                w.Line($"var {started} = log.PauseFor({Small()}, {token});");
                w.Line($"log.Step(\"{Name("s")} started\");");
                w.Line($"acc += await {started};");
                break;
        }
    }

    void CompletedAwait(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.CompletedAwait);
        w.Line(_random.Next(5) switch
        {
            0 => "await Task.CompletedTask;",
            1 => $"acc += await Task.FromResult({Small()});",
            2 => $"acc += await new ValueTask<int>({Small()});",
            3 => "await new ValueTask();",
            _ => $"acc += await Task.FromResult({Small()}).ConfigureAwait(false);",
        });
    }

    void Yield(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.Yield);
        w.Line("await Task.Yield();");
    }

    void TernaryAwait(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.TernaryAwait);
        var condition = Condition();
        w.Line(_random.Next(3) switch
        {
            0 => $"acc += await ({condition} ? log.PauseFor({Small()}, {Token(scope)}) : Task.FromResult({Small()}));",
            1 => $"await ({condition} ? log.Pause({Token(scope)}) : Task.CompletedTask);",
            _ => $"acc += await ({condition} ? log.PauseFor({Small()}, {Token(scope)}) : log.PauseFor({Small()}, {Token(scope)}));",
        });
    }

    void NullConditionalAwait(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.NullConditionalAwait);
        switch (_random.Next(3))
        {
            case 0:
                w.Line($"acc += await (log.Maybe({Condition()})?.PauseFor({Small()}, {Token(scope)}) ?? Task.FromResult({Small()}));");
                break;
            case 1 when _random.Next(3) == 0:
                // The log is sometimes null here: awaiting the null task throws NullReferenceException.
                _features.Add(Feature.NullReference);
                w.Line($"await log.Maybe({Condition()})?.Pause({Token(scope)});");
                break;
            default:
                w.Line($"await log.Maybe(true)?.Pause({Token(scope)});");
                break;
        }
    }

    void SwitchExpressionAwait(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.SwitchExpressionAwait);
        w.Line($"acc += await ((acc % 3) switch {{ 0 => log.PauseFor({Small()}, {Token(scope)}), 1 => Task.FromResult({Small()}), _ => new ValueTask<int>(log.PauseFor({Small()}, {Token(scope)})).AsTask() }});");
    }

    /// <summary>Awaits in the middle of an expression, which the compiler spills into state machine fields.</summary>
    void AwaitInExpression(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.AwaitInExpression);
        var pause = $"await log.PauseFor({Small()}, {Token(scope)})";
        switch (_random.Next(_hasInstanceState && !scope.InClosure ? 6 : 5))
        {
            case 0:
                w.Line($"acc = Math.Max(acc, {pause}) + await Task.FromResult({Small()});");
                break;
            case 1:
                w.Line($"acc += {Condition()} ? {pause} : await new ValueTask<int>({Small()});");
                break;
            case 2:
                w.Line($"log.Step($\"{Name("s")} {{acc}} {{{pause}}}\");");
                break;
            case 3:
                w.Line($"acc += new[] {{ {pause}, acc, await Task.FromResult({Small()}) }}[acc % 3];");
                break;
            case 4:
                w.Line($"acc += (acc % 2) switch {{ 0 => {pause}, _ => {Small()} }};");
                break;
            default:
                _features.Add(Feature.InstanceState);
                w.Line($"_state += {pause};");
                w.Line($"log.Step(\"{Name("s")} state \" + _state);");
                break;
        }
    }

    void ConditionalThrow(CodeWriter w)
    {
        _features.Add(Feature.Throw);
        var type = ThrownTypes[_random.Next(ThrownTypes.Length)];
        if (type == "OperationCanceledException")
        {
            _features.Add(Feature.ThrowCanceled);
        }

        var message = $"\"{Name("t")} \" + acc";
        w.Line(_random.Next(6) == 0
            ? $"throw new {type}({message});"
            : $"if ({Condition()}) throw new {type}({message});");
    }

    void TokenCheck(CodeWriter w, Scope scope)
    {
        if (_random.Next(2) == 0)
        {
            _features.Add(Feature.ThrowIfCancellationRequested);
            w.Line($"{Token(scope)}.ThrowIfCancellationRequested();");
        }
        else
        {
            _features.Add(Feature.IsCancellationRequested);
            w.Line($"if ({Token(scope)}.IsCancellationRequested) log.Step(\"{Name("s")} canceled\");");
        }
    }

    void CancelCaller(CodeWriter w)
    {
        _features.Add(Feature.CanceledWhileRunning);
        w.Line("log.CancelCaller();");
    }

    void TaskRun(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        _features.Add(Feature.TokenToTaskRun);
        w.Line($"acc += await Task.Run(() => acc % 7 + 1, {Token(scope)});");
    }

    void If(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.If);
        var inner = scope with { Depth = scope.Depth + 1 };
        w.Line($"if ({Condition()})");
        w.Block(() => Statements(w, inner, 3));
        if (_random.Next(2) == 0)
        {
            w.Line("else");
            w.Block(() => Statements(w, inner, 3));
        }
    }

    void Loop(CodeWriter w, Scope scope)
    {
        var inner = scope with { Depth = scope.Depth + 1, InLoop = true, CanLeaveLoop = true };
        var count = _random.Next(1, 4);
        switch (_random.Next(5))
        {
            case 4:
                _features.Add(Feature.AwaitForeach);
                Awaiting(scope);
                var element = Name("x");
                var items = _random.Next(3) switch
                {
                    0 => $"AsyncSource.Items(log, {count}, {Token(scope)})",
                    1 => $"AsyncSource.Items(log, {count}).WithCancellation({Token(scope)})",
                    _ => $"AsyncSource.Items(log, {count}, {Token(scope)}).ConfigureAwait(false)",
                };
                w.Line($"await foreach (var {element} in {items})");
                w.Block(() =>
                {
                    w.Line($"acc += {element};");
                    Statements(w, inner, 3);
                });
                break;
            case 0:
                _features.Add(Feature.ForLoop);
                var i = Name("i");
                w.Line($"for (var {i} = 0; {i} < {count}; {i}++)");
                w.Block(() => Statements(w, inner, 3));
                break;
            case 1:
                _features.Add(Feature.WhileLoop);
                var counter = Name("w");
                w.Line($"var {counter} = 0;");
                w.Line($"while ({counter} < {count})");
                w.Block(() =>
                {
                    // Counted first, so that a continue cannot loop forever.
                    w.Line($"{counter}++;");
                    Statements(w, inner, 3);
                });
                break;
            case 2:
                _features.Add(Feature.DoLoop);
                var round = Name("d");
                w.Line($"var {round} = 0;");
                w.Line("do");
                w.Block(() =>
                {
                    w.Line($"{round}++;");
                    Statements(w, inner, 3);
                }, $" while ({round} < {count});");
                break;
            default:
                _features.Add(Feature.ForeachLoop);
                var item = Name("x");
                w.Line($"foreach (var {item} in new[] {{ {string.Join(", ", Enumerable.Range(1, count).Select(_ => Small()))} }})");
                w.Block(() =>
                {
                    w.Line($"acc += {item};");
                    Statements(w, inner, 3);
                });
                break;
        }
    }

    void BreakOrContinue(CodeWriter w)
    {
        _features.Add(Feature.BreakOrContinue);
        w.Line($"if ({Condition()}) {(_random.Next(2) == 0 ? "break" : "continue")};");
    }

    void Switch(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.Switch);
        var inner = scope with { Depth = scope.Depth + 1, InSwitch = true };
        var sections = _random.Next(2, 4);
        w.Line($"switch (acc % {sections + 1})");
        w.Block(() =>
        {
            for (var i = 0; i < sections; i++)
            {
                w.Line(i == sections - 1 ? "default:" : $"case {i}:");
                w.Block(() => Statements(w, inner, 2));
                w.Line("break;");
            }
        });
    }

    void Try(CodeWriter w, Scope scope)
    {
        var shape = _random.Next(3);
        var hasCatch = shape != 1;
        var hasFinally = shape != 0;
        _features.Add(hasCatch ? Feature.TryCatch : Feature.TryFinally);
        if (hasCatch && hasFinally)
        {
            _features.Add(Feature.TryFinally);
        }

        var depth = scope.Depth + 1;
        w.Line("try");
        w.Block(() => Statements(w, scope with { Depth = depth, InTry = true }, 4));
        if (hasCatch)
        {
            var types = CaughtTypes.Where(_ => _random.Next(3) == 0).ToList();
            if (types.Count == 0 || _random.Next(2) == 0)
            {
                types.Add("Exception");
            }

            foreach (var type in types)
            {
                var exception = Name("e");
                var filter = "";
                if (_random.Next(4) == 0)
                {
                    _features.Add(Feature.CatchFilter);
                    // A filter runs before the finally blocks between the throw and the catch: its step shows the order.
                    filter = _random.Next(3) switch
                    {
                        0 => $" when ({exception}.Message.Length % 2 == 0)",
                        1 => $" when (log.StepIn(\"{Name("w")} \" + {exception}.Message) && {Condition()})",
                        _ => $" when ({Condition()})",
                    };
                }

                w.Line($"catch ({type} {exception}){filter}");
                w.Block(() =>
                {
                    w.Line($"log.Step(\"{Name("c")} \" + {exception}.GetType().Name + \": \" + {exception}.Message);");
                    Statements(w, scope with { Depth = depth, InCatch = true, CanRethrow = true }, 3);
                });
            }
        }

        if (hasFinally)
        {
            w.Line("finally");
            w.Block(() =>
            {
                w.Line($"log.Step(\"{Name("f")} \" + acc);");
                Statements(w, scope with { Depth = depth, InFinally = true, CanReturn = false, CanLeaveLoop = false, CanRethrow = false }, 3);
            });
        }
    }

    void Rethrow(CodeWriter w)
    {
        _features.Add(Feature.Rethrow);
        w.Line($"if ({Condition()}) throw;");
    }

    void Using(CodeWriter w, Scope scope)
    {
        var resource = $"log.Resource(\"{Name("u")}\")";
        if (_random.Next(3) == 0)
        {
            _features.Add(Feature.UsingDeclaration);
            w.Line($"using var {Name("r")} = {resource};");
            return;
        }

        _features.Add(Feature.Using);
        w.Line($"using ({resource})");
        w.Block(() => Statements(w, scope with { Depth = scope.Depth + 1 }, 3));
    }

    void AwaitUsing(CodeWriter w, Scope scope)
    {
        Awaiting(scope);
        var resource = $"new AsyncScope(log, \"{Name("a")}\", {Token(scope)})";
        if (_random.Next(3) == 0)
        {
            _features.Add(Feature.AwaitUsingDeclaration);
            w.Line($"await using var {Name("r")} = {resource};");
            return;
        }

        _features.Add(Feature.AwaitUsing);
        w.Line($"await using ({resource})");
        w.Block(() => Statements(w, scope with { Depth = scope.Depth + 1 }, 3));
    }

    void Registration(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.TokenRegistration);
        w.Line($"using ({Token(scope)}.Register(() => log.Step(\"{Name("g")} fired\")))");
        w.Block(() => Statements(w, scope with { Depth = scope.Depth + 1 }, 3));
    }

    void LinkedSource(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.LinkedTokenSource);
        var source = Name("l");
        w.Line($"using (var {source} = CancellationTokenSource.CreateLinkedTokenSource({Token(scope)}))");
        w.Block(() =>
        {
            var inner = scope with { Depth = scope.Depth + 1, Tokens = [.. scope.Tokens, new TokenExpression($"{source}.Token", null)] };
            Awaiting(scope);
            w.Line($"acc += await log.PauseFor({Small()}, {source}.Token);");
            Statements(w, inner, 2);
        });
    }

    void Lambda(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.TokenInLambda);
        var name = Name("f");
        var inner = scope.Closure(scope.Tokens);
        w.Line($"Func<Task<int>> {name} = async () =>");
        w.Block(() =>
        {
            Pause(w, inner);
            Statements(w, inner, 3);
            w.Line("return acc;");
        }, ";");
        Awaiting(scope);
        w.Line($"acc += await {name}();");
    }

    void LocalFunction(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.TokenInLocalFunction);
        var name = Name("Local");
        var inner = scope.Closure(scope.Tokens);
        w.Line($"async Task<int> {name}(int k)");
        w.Block(() =>
        {
            Pause(w, inner);
            Statements(w, inner, 3);
            w.Line("return k + acc % 5;");
        });
        Awaiting(scope);
        w.Line($"acc += await {name}(acc);");
    }

    void ShieldedLocalFunction(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.ShieldedLocalFunction);
        var name = Name("Shielded");
        var token = Name("lt");
        var inner = scope.Closure([new TokenExpression(token, null)]);
        w.Line("[Shield]");
        w.Line($"async Task<int> {name}(int k, CancellationToken {token})");
        w.Block(() =>
        {
            Pause(w, inner);
            Statements(w, inner, 3);
            w.Line("return k + acc % 5;");
        });
        Awaiting(scope);
        w.Line($"acc += await {name}(acc, {Token(scope)});");
    }

    void ShieldedLambda(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.ShieldedLambda);
        var name = Name("f");
        var token = Name("lt");
        var inner = scope.Closure([new TokenExpression(token, null)]);
        w.Line($"Func<int, CancellationToken, Task<int>> {name} = [Shield] async (int k, CancellationToken {token}) =>");
        w.Block(() =>
        {
            Pause(w, inner);
            Statements(w, inner, 3);
            w.Line("return k + acc % 5;");
        }, ";");
        Awaiting(scope);
        w.Line($"acc += await {name}(acc, {Token(scope)});");
    }

    void EarlyReturn(CodeWriter w, Scope scope)
    {
        _features.Add(Feature.EarlyReturn);
        w.Line($"if ({Condition()}) return{(scope.ReturnValue is null ? "" : " " + scope.ReturnValue)};");
    }

    void InstanceState(CodeWriter w)
    {
        _features.Add(Feature.InstanceState);
        w.Line($"_state += acc % 3 + 1;");
        w.Line($"log.Step(\"{Name("s")} state \" + _state);");
    }

    /// <summary>Counts what surrounds an await the body is about to write.</summary>
    void Awaiting(Scope scope)
    {
        if (scope.InLoop)
        {
            _features.Add(Feature.AwaitInLoop);
        }

        if (scope.InTry)
        {
            _features.Add(Feature.AwaitInTry);
        }

        if (scope.InCatch)
        {
            _features.Add(Feature.AwaitInCatch);
        }

        if (scope.InFinally)
        {
            _features.Add(Feature.AwaitInFinally);
        }

        if (scope.InSwitch)
        {
            _features.Add(Feature.AwaitInSwitch);
        }
    }

    string Token(Scope scope)
    {
        if (_random.Next(12) == 0)
        {
            _features.Add(Feature.NoneToken);
            return "CancellationToken.None";
        }

        var token = scope.Tokens[_random.Next(scope.Tokens.Count)];
        if (token.Parameter != null)
        {
            _usedTokens.Add(token.Parameter);
        }

        return token.Code;
    }

    /// <summary>A condition on <c>acc</c> that holds for some values and not others.</summary>
    string Condition() => $"acc % {_random.Next(2, 6)} == {_random.Next(0, 2)}";

    string Small() => _random.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

    string Name(string prefix) => $"{prefix}{++_names}";

    T Pick<T>(IReadOnlyList<(int Weight, T Value)> choices)
    {
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("The weights cover every roll.");
    }
}
