namespace KinerjaFlow.Engine.Activities;

/// <summary>The activity types the interpreter runs and the designer offers, by type name.</summary>
public sealed class ActivityCatalog
{
    private readonly Dictionary<string, Activity> _byType;

    /// <summary>Creates a catalog of the given activity types.</summary>
    /// <exception cref="ArgumentException">Two types share a type name.</exception>
    public ActivityCatalog(IEnumerable<Activity> activities)
    {
        _byType = new Dictionary<string, Activity>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (!_byType.TryAdd(activity.Descriptor.TypeName, activity))
                throw new ArgumentException($"Two activity types are named {activity.Descriptor.TypeName}.", nameof(activities));
        }
    }

    /// <summary>The built-in activity types.</summary>
    public static ActivityCatalog Default { get; } = new(
    [
        new StartActivity(), new EndActivity(), new UserTaskActivity(), new DecisionActivity(), new SwitchActivity(),
        new ForkActivity(), new JoinActivity(), new SetVariablesActivity(), new RunScriptActivity(),
        new TimerActivity(), new DecisionTableActivity(), new NotifyActivity(), new SubWorkflowActivity(), new ForEachActivity(),
        new WaitSignalActivity(), new HttpRequestActivity(), new NoteActivity(),
    ]);

    /// <summary>The descriptors, for the designer's toolbox.</summary>
    public IEnumerable<ActivityDescriptor> Descriptors => _byType.Values.Select(a => a.Descriptor);

    /// <summary>The activity type named <paramref name="typeName"/>, or <see langword="null"/>.</summary>
    public Activity? Find(string typeName) => _byType.GetValueOrDefault(typeName);
}
