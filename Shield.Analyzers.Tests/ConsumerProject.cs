namespace Shield.Analyzers.Tests;

/// <summary>
/// The project file of a consumer outside the repository that gets Shield.Fody.Attributes and the analyzer as the
/// Shield.Fody package gives them (a reference, and an Analyzer item the compiler loads), plus what a test adds.
/// </summary>
static class ConsumerProject
{
    public static string Csproj(string properties, string items) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            <Reference Include="Shield.Fody.Attributes" HintPath="{typeof(ShieldAttribute).Assembly.Location}" />
            <Analyzer Include="{typeof(ShieldAnalyzer).Assembly.Location}" />
            {items}
          </ItemGroup>
        </Project>
        """;
}
