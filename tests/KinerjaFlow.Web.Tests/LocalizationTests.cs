using System.Globalization;
using System.Resources;
using KinerjaFlow.Testing;

namespace KinerjaFlow.Web.Tests;

public class LocalizationTests
{
    [Fact]
    public void Every_UI_string_has_Indonesian_and_English_text_that_differ_where_the_languages_do()
    {
        var resources = new ResourceManager("KinerjaFlow.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var indonesian = resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!;
        var english = resources.GetResourceSet(new CultureInfo("en"), true, false)!;
        var idKeys = indonesian.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var enKeys = english.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.True(idKeys.Count > 50);
        Assert.Equal(idKeys.Keys.Order(), enKeys.Keys.Order());
        Assert.All(idKeys, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.NotEqual(idKeys["Login.Password"], enKeys["Login.Password"]);
    }

    [Fact]
    public void Every_localizer_key_used_in_a_component_exists()
    {
        var resources = new ResourceManager("KinerjaFlow.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var keys = resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, "src", "KinerjaFlow.Web", "Components");
        var missing = Directory.EnumerateFiles(folder, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "L\\[\"([A-Za-z0-9.]+)\"")
                .Select(m => $"{Path.GetFileName(file)}: {m.Groups[1].Value}"))
            .Where(k => !keys.Contains(k.Split(": ")[1]))
            .ToList();
        Assert.Empty(missing);
    }
}
