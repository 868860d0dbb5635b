using KinerjaFlow.Engine.Calendar;
using KinerjaFlow.Testing.Architecture;

namespace KinerjaFlow.Engine.Tests;

public class ArchitectureTests
{
    [Fact]
    public void The_engine_references_neither_EF_Core_nor_ASP_NET() =>
        PureProject.AssertPure(typeof(WorkingDayCalendar).Assembly, "src/KinerjaFlow.Engine/KinerjaFlow.Engine.csproj");
}
