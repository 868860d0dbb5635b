using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Testing.Architecture;

namespace KinerjaFlow.Forms.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Forms_reference_neither_EF_Core_nor_ASP_NET() =>
        PureProject.AssertPure(typeof(Nip).Assembly, "src/KinerjaFlow.Forms/KinerjaFlow.Forms.csproj");
}
