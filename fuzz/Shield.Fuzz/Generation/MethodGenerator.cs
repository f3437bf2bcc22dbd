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
        var isGenericMethod = receiver != Receiver.GenericClass && random.Next(4) == 0;
        var isGeneric = isGenericMethod || receiver == Receiver.GenericClass;
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
            features.Add(Feature.GenericMethod);
        }

        var parameters = Parameters(random, isGeneric, features);
        var shieldOnType = random.Next(6) == 0;
        var passThrough = !shieldOnType && random.Next(8) == 0;
        if (shieldOnType)
        {
            features.Add(Feature.ShieldOnType);
        }

        if (passThrough)
        {
            features.Add(Feature.PassThrough);
        }

        var resultType = returnKind is ReturnKind.Task or ReturnKind.ValueTask ? null
            : isGeneric ? "T"
            : random.Next(2) == 0 ? "int" : "string";
        var returnValue = resultType switch
        {
            null => null,
            "T" => "value",
            "int" => "acc",
            _ => "\"r\" + acc",
        };

        var body = new BodyGenerator(random, features, hasInstanceState: receiver != Receiver.Static, hasGenericValue: isGeneric);
        var tokens = parameters.Select((p, i) => (Parameter: p, Name: ParameterName(parameters, i)))
            .Where(p => p.Parameter.IsToken)
            .Select(p => new BodyGenerator.TokenExpression(p.Parameter.Kind == ParameterKind.NullableToken ? NullableTokenRead(random, p.Name) : p.Name, p.Name))
            .ToList();
        var bodyText = new CodeWriter();
        body.Statements(bodyText, new BodyGenerator.Scope(tokens, returnValue), 30);
        if (parameters.Select((p, i) => (p, i)).Any(x => x.p.IsToken && !body.UsedTokens.Contains(ParameterName(parameters, x.i))))
        {
            features.Add(Feature.UnusedToken);
        }

        var typeName = $"C{index.ToString(CultureInfo.InvariantCulture)}";
        var source = TypeSource(typeName, receiver, isGenericMethod, returnKind, resultType, returnValue, parameters, shieldOnType, passThrough, bodyText.ToString());
        return new GeneratedMethod(
            index,
            seed,
            receiver == Receiver.GenericClass ? typeName + "`1" : typeName,
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
        var tokenCount = random.Next(3) == 0 ? 2 : 1;
        features.Add(tokenCount == 1 ? Feature.OneToken : Feature.TwoTokens);
        var callerTokenAt = tokenCount == 1 ? 0 : random.Next(3); // 2: both tokens get the caller's token
        var tokens = Enumerable.Range(0, tokenCount).Select(i =>
        {
            var nullable = random.Next(4) == 0;
            if (nullable)
            {
                features.Add(Feature.NullableToken);
            }

            return new ParameterSpec(nullable ? ParameterKind.NullableToken : ParameterKind.Token, callerTokenAt == i || callerTokenAt == 2);
        });

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
        _ => parameters.Take(index).Count(p => p.IsToken) == 0 ? "ct" : "ct2",
    };

    static string NullableTokenRead(Random random, string name) =>
        random.Next(2) == 0 ? $"({name} ?? CancellationToken.None)" : $"{name}.GetValueOrDefault()";

    static string TypeSource(string typeName, Receiver receiver, bool isGenericMethod, ReturnKind returnKind, string? resultType,
        string? returnValue, IReadOnlyList<ParameterSpec> parameters, bool shieldOnType, bool passThrough, string body)
    {
        var returnType = returnKind switch
        {
            ReturnKind.Task => "Task",
            ReturnKind.ValueTask => "ValueTask",
            ReturnKind.TaskOfT => $"Task<{resultType}>",
            _ => $"ValueTask<{resultType}>",
        };
        var parameterList = string.Join(", ", parameters.Select((p, i) => $"{ParameterType(p)} {ParameterName(parameters, i)}"));
        var argumentList = string.Join(", ", parameters.Select((_, i) => ParameterName(parameters, i)));
        var isStatic = receiver == Receiver.Static ? "static " : "";
        var typeParameters = isGenericMethod ? "<T>" : "";
        var keyword = receiver == Receiver.Struct ? "struct" : "class";
        var declaredName = receiver == Receiver.GenericClass ? typeName + "<T>" : typeName;

        var w = new CodeWriter();
        if (shieldOnType)
        {
            w.Line("[Shield]");
        }

        w.Line($"public {keyword} {declaredName}");
        w.Block(() =>
        {
            if (receiver != Receiver.Static)
            {
                w.Line("int _state;");
                w.Line("");
            }

            if (!shieldOnType)
            {
                w.Line("[Shield]");
            }

            if (passThrough)
            {
                w.Line($"public {isStatic}{returnType} {GeneratedMethod.MethodName}{typeParameters}({parameterList}) => Core{typeParameters}({argumentList});");
                w.Line("");
                w.Line($"{isStatic}async {returnType} Core{typeParameters}({parameterList})");
            }
            else
            {
                w.Line($"public {isStatic}async {returnType} {GeneratedMethod.MethodName}{typeParameters}({parameterList})");
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

                    w.Line(returnValue is null ? "return;" : $"return {returnValue};");
                });
                w.Line("finally");
                w.Block(() => w.Line("log.Ended();"));
            });
        });
        return w.ToString();
    }

    static string ParameterType(ParameterSpec parameter) => parameter.Kind switch
    {
        ParameterKind.Log => "StepLog",
        ParameterKind.Number => "int",
        ParameterKind.GenericValue => "T",
        ParameterKind.Token => "CancellationToken",
        _ => "CancellationToken?",
    };
}
