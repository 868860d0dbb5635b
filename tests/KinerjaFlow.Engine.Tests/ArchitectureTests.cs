using KinerjaFlow.Engine.Calendar;
using KinerjaFlow.Expressions;
using KinerjaFlow.Testing.Architecture;

namespace KinerjaFlow.Engine.Tests;

public class ArchitectureTests
{
    [Fact]
    public void The_engine_references_neither_EF_Core_nor_ASP_NET() =>
        PureProject.AssertPure(typeof(WorkingDayCalendar).Assembly, "src/KinerjaFlow.Engine/KinerjaFlow.Engine.csproj");

    [Fact]
    public void The_expression_sandbox_is_pure_and_does_not_depend_on_the_engine()
    {
        PureProject.AssertPure(typeof(ExpressionEvaluator).Assembly, "src/KinerjaFlow.Expressions/KinerjaFlow.Expressions.csproj");
        Assert.DoesNotContain(typeof(ExpressionEvaluator).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("KinerjaFlow.", StringComparison.Ordinal));
    }
}
