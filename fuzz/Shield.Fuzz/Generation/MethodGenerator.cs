using System.Globalization;

namespace Shield.Fuzz.Generation;

/// <summary>
/// Generates the method at a given index of a campaign: its signature (return type, receiver, generics, token
/// parameters), its body (<see cref="BodyGenerator"/>) and the inputs the harness gives it. Method <c>i</c> of
/// seed <c>s</c> depends on nothing else, so a campaign can be replayed in part and in any batch size.
/// </summary>
public static class MethodGenerator
{
    public static GeneratedMethod Generate(int campaignSeed, int index)
    {
        var seed = SeedOf(campaignSeed, index);
        var random = new Random(seed);
        var features = new HashSet<string>();

        var returnKind = (ReturnKind)random.Next(4);
        features.Add(returnKind switch
        {
            ReturnKind.Task => Feature.ReturnsTask,
            ReturnKind.TaskOfT => Feature.ReturnsTaskOfT,
            ReturnKind.ValueTask => Feature.ReturnsValueTask,
            _ => Feature.ReturnsValueTaskOfT,
        });

        var receiver = (Receiver)random.Next(4);
        var genericStruct = receiver == Receiver.GenericType && random.Next(3) == 0;
        if (genericStruct)
        {
            features.Add(Feature.GenericStruct);
        }

        var isGenericMethod = random.Next(4) == 0;
        var isGeneric = isGenericMethod || receiver == Receiver.GenericType;
        var genericArgument = !isGeneric ? GenericArgument.None : random.Next(2) == 0 ? GenericArgument.Int : GenericArgument.String;
        features.Add(receiver switch
        {
            Receiver.Static => Feature.StaticMethod,
            Receiver.Class => Feature.ClassReceiver,
            Receiver.Struct => Feature.StructReceiver,
            _ => Feature.GenericType,
        });
        if (isGenericMethod)
        {
            features.Add(receiver == Receiver.GenericType ? Feature.GenericMethodInGenericType : Feature.GenericMethod);
        }

        // A generic method of a generic type has its own type parameter; the harness instantiates both alike.
        var valueType = isGenericMethod && receiver == Receiver.GenericType ? "U" : "T";

        var parameters = Parameters(random, isGeneric, features);
        var shieldOnType = random.Next(6) == 0;
        var passThrough = random.Next(6) != 0 ? PassThrough.None : (PassThrough)random.Next(1, 4);
        var deadline = random.Next(8) == 0;
        if (shieldOnType)
        {
            features.Add(Feature.ShieldOnType);
        }

        if (deadline)
        {
            features.Add(Feature.Deadline);
        }

        // Task.Run has no ValueTask overloads, and a lambda in a struct cannot call an instance method. [Shield] on
        // the type does not select Run (it is not async), only Core: with Task.Run between them, a caller whose token
        // was canceled before the call is released only once Core runs, not at once, which is what the README says.
        if (passThrough == PassThrough.Lambda && (returnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT || receiver == Receiver.Struct || genericStruct || shieldOnType))
        {
            passThrough = PassThrough.Direct;
        }

        if (passThrough != PassThrough.None)
        {
            features.Add(passThrough switch
            {
                PassThrough.Direct => Feature.PassThrough,
                PassThrough.Lambda => Feature.PassThroughLambda,
                _ => Feature.PassThroughFastPath,
            });
        }

        var resultType = returnKind is ReturnKind.Task or ReturnKind.ValueTask ? null
            : isGeneric ? valueType
            : random.Next(6) switch
            {
                0 or 1 => "int",
                2 or 3 => "string",
                4 => "bool",
                _ => "(int, string)",
            };
        if (resultType is "bool" or "(int, string)")
        {
            features.Add(resultType == "bool" ? Feature.BoolResult : Feature.TupleResult);
        }

        var returnValue = resultType switch
        {
            null => null,
            "int" => "acc",
            "string" => "\"r\" + acc",
            "bool" => "acc % 2 == 0",
            "(int, string)" => "(acc, \"r\" + acc)",
            _ => "value",
        };

        var body = new BodyGenerator(random, features, hasInstanceState: receiver != Receiver.Static, hasGenericValue: isGeneric);
        var tokens = parameters.Select((p, i) => (Parameter: p, Name: ParameterName(parameters, i)))
            .Where(p => p.Parameter.IsToken)
            .Select(p => new TokenExpression(p.Parameter.Kind == ParameterKind.NullableToken ? NullableTokenRead(random, p.Name) : p.Name, p.Name))
            .ToList();
        var bodyText = new CodeWriter();
        body.Statements(bodyText, new Scope(tokens, returnValue), 30);
        if (parameters.Select((p, i) => (p, i)).Any(x => x.p.IsToken && !body.UsedTokens.Contains(ParameterName(parameters, x.i))))
        {
            features.Add(Feature.UnusedToken);
        }

        var typeName = $"C{index.ToString(CultureInfo.InvariantCulture)}";
        var signature = new Signature(typeName, receiver, isGenericMethod ? $"<{valueType}>" : "", valueType, returnKind, resultType, returnValue, parameters)
        {
            GenericStruct = genericStruct,
        };
        var source = TypeSource(signature,
            shieldOnType, deadline, passThrough, bodyText.ToString());
        var method = new GeneratedMethod(
            index,
            seed,
            receiver == Receiver.GenericType ? typeName + "`1" : typeName,
            receiver,
            isGenericMethod,
            genericArgument,
            returnKind,
            parameters,
            Number: random.Next(0, 6),
            NullForNoToken: random.Next(2) == 0,
            SynchronousPauses: (ulong)random.NextInt64() & (ulong)random.NextInt64(),
            GateChoice: random.Next(),
            source,
            features);

        // Drawn last, so the choices above stay what they were before call sites existed. A call site has no deadline,
        // and the caller must be able to name the callee's type without a receiver of its own.
        if (receiver != Receiver.Static || deadline || random.Next(5) != 0)
        {
            return method;
        }

        features.Add(Feature.CallSite);
        return method with { Source = CallerSource(signature), CalleeSource = source };
    }

    /// <summary>An unmarked method with the callee's signature that passes every argument on to the callee.</summary>
    static string CallerSource(Signature signature)
    {
        var w = new CodeWriter();
        w.Line($"public class {signature.TypeName}");
        w.Block(() => w.Line(
            $"public static {signature.ReturnType} {GeneratedMethod.MethodName}{signature.TypeParameters}({signature.ParameterList}) => " +
            $"{GeneratedMethod.CalleeNamespace}.{signature.TypeName}.{GeneratedMethod.MethodName}{signature.TypeParameters}({signature.Arguments});"));
        return w.ToString();
    }

    /// <summary>Mixes the campaign seed and the index (SplitMix64), so neighbouring methods share nothing.</summary>
    public static int SeedOf(int campaignSeed, int index)
    {
        unchecked
        {
            var z = ((ulong)(uint)campaignSeed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31)) & int.MaxValue;
        }
    }

    static List<ParameterSpec> Parameters(Random random, bool isGeneric, ISet<string> features)
    {
        // Three tokens go beyond the one or two, to reach the runtime's path for more than two caller tokens.
        var tokenCount = random.Next(8) switch
        {
            < 5 => 1,
            < 7 => 2,
            _ => 3,
        };
        features.Add(tokenCount switch
        {
            1 => Feature.OneToken,
            2 => Feature.TwoTokens,
            _ => Feature.ThreeTokens,
        });

        // Which token parameters get the caller's token: a non-empty subset.
        var callerTokens = random.Next(1, 1 << tokenCount);
        var tokens = Enumerable.Range(0, tokenCount).Select(i =>
        {
            var nullable = random.Next(4) == 0;
            if (nullable)
            {
                features.Add(Feature.NullableToken);
            }

            return new ParameterSpec(nullable ? ParameterKind.NullableToken : ParameterKind.Token, (callerTokens >> i & 1) != 0);
        }).ToList();
        if (tokens.Any(t => !t.GetsCallerToken) && random.Next(2) == 0)
        {
            features.Add(Feature.OtherCallerToken);
            tokens = [.. tokens.Select(t => t.GetsCallerToken ? t : t with { GetsOtherToken = true })];
        }

        List<ParameterSpec> others = [new(ParameterKind.Log), new(ParameterKind.Number)];
        if (isGeneric)
        {
            others.Add(new(ParameterKind.GenericValue));
        }

        // Tokens usually come last, as in most APIs, but not always.
        var parameters = others.Concat(tokens).ToList();
        if (random.Next(4) == 0)
        {
            parameters = [.. parameters.OrderBy(_ => random.Next())];
        }

        return parameters;
    }

    static string ParameterName(IReadOnlyList<ParameterSpec> parameters, int index) => parameters[index].Kind switch
    {
        ParameterKind.Log => "log",
        ParameterKind.Number => "n",
        ParameterKind.GenericValue => "value",
        _ => parameters.Take(index).Count(p => p.IsToken) switch
        {
            0 => "ct",
            var earlier => $"ct{earlier + 1}",
        },
    };

    static string NullableTokenRead(Random random, string name) =>
        random.Next(2) == 0 ? $"({name} ?? CancellationToken.None)" : $"{name}.GetValueOrDefault()";

    /// <summary>How a pass-through (not async) method reaches its async core.</summary>
    enum PassThrough
    {
        None,
        Direct,
        Lambda,
        FastPath,
    }

    sealed record Signature(string TypeName, Receiver Receiver, string TypeParameters, string ValueType, ReturnKind ReturnKind,
        string? ResultType, string? ReturnValue, IReadOnlyList<ParameterSpec> Parameters)
    {
        /// <summary>A generic type that is a struct: its state machine copies a generic value receiver.</summary>
        public bool GenericStruct { get; init; }

        public string ReturnType => ReturnKind switch
        {
            ReturnKind.Task => "Task",
            ReturnKind.ValueTask => "ValueTask",
            ReturnKind.TaskOfT => $"Task<{ResultType}>",
            _ => $"ValueTask<{ResultType}>",
        };

        public string ParameterList => string.Join(", ", Parameters.Select((p, i) => $"{ParameterType(p, ValueType)} {ParameterName(Parameters, i)}"));

        public string Arguments => string.Join(", ", Parameters.Select((_, i) => ParameterName(Parameters, i)));

        public string CoreCall => $"Core{TypeParameters}({Arguments})";

        public string Static => Receiver == Receiver.Static ? "static " : "";
    }

    static string TypeSource(Signature signature, bool shieldOnType, bool deadline, PassThrough passThrough, string body)
    {
        var shield = deadline ? "[Shield(TimeoutMilliseconds = 600000)]" : "[Shield]";
        var keyword = signature.Receiver == Receiver.Struct || signature.Receiver == Receiver.GenericType && signature.GenericStruct ? "struct" : "class";
        var declaredName = signature.Receiver == Receiver.GenericType ? signature.TypeName + "<T>" : signature.TypeName;
        var head = $"{signature.Static}{signature.ReturnType} {GeneratedMethod.MethodName}{signature.TypeParameters}({signature.ParameterList})";

        var w = new CodeWriter();
        if (shieldOnType)
        {
            w.Line(shield);
        }

        w.Line($"public {keyword} {declaredName}");
        w.Block(() =>
        {
            if (signature.Receiver != Receiver.Static)
            {
                w.Line("int _state;");
                w.Line("");
            }

            if (!shieldOnType)
            {
                w.Line(shield);
            }

            switch (passThrough)
            {
                case PassThrough.None:
                    w.Line($"public async {head}");
                    break;
                case PassThrough.Direct:
                    w.Line($"public {head} => {signature.CoreCall};");
                    break;
                case PassThrough.Lambda:
                    w.Line($"public {head} => Task.Run(() => {signature.CoreCall});");
                    break;
                default:
                    w.Line($"public {head}");
                    w.Block(() =>
                    {
                        w.Line("if (n < 2)");
                        w.Block(() =>
                        {
                            w.Line("log.Ended();");
                            // A pass-through method may also throw before it returns a task at all.
                            w.Line("if (n == 1) throw new ArgumentException(\"fast\");");
                            w.Line($"return {FastResult(signature)};");
                        });
                        w.Line($"return {signature.CoreCall};");
                    });
                    break;
            }

            if (passThrough != PassThrough.None)
            {
                w.Line("");
                w.Line($"{signature.Static}async {signature.ReturnType} Core{signature.TypeParameters}({signature.ParameterList})");
            }

            w.Block(() =>
            {
                w.Line("var acc = n;");
                w.Line("try");
                w.Block(() =>
                {
                    foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        w.Line(line);
                    }

                    w.Line(signature.ReturnValue is null ? "return;" : $"return {signature.ReturnValue};");
                });
                w.Line("finally");
                w.Block(() => w.Line("log.Ended();"));
            });
        });
        return w.ToString();
    }

    /// <summary>What a pass-through method's synchronous fast path returns (its n is 0, and so is acc).</summary>
    static string FastResult(Signature signature)
    {
        var value = signature.ReturnValue?.Replace("acc", "n", StringComparison.Ordinal);
        return signature.ReturnKind switch
        {
            ReturnKind.Task => "Task.CompletedTask",
            ReturnKind.ValueTask => "default",
            ReturnKind.TaskOfT => $"Task.FromResult<{signature.ResultType}>({value})",
            _ => $"new ValueTask<{signature.ResultType}>({value})",
        };
    }

    static string ParameterType(ParameterSpec parameter, string valueType) => parameter.Kind switch
    {
        ParameterKind.Log => "StepLog",
        ParameterKind.Number => "int",
        ParameterKind.GenericValue => valueType,
        ParameterKind.Token => "CancellationToken",
        _ => "CancellationToken?",
    };
}
