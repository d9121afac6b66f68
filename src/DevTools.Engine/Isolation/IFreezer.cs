namespace DevTools.Engine.Isolation;

/// <summary>Stops and resumes every process of an environment.</summary>
public interface IFreezer
{
    /// <summary>The isolation level this freezer gives, e.g. <see cref="IsolationLevel.ProcessGroup"/>.</summary>
    string Level { get; }

    void Freeze(RuntimeProcess process);
    void Thaw(RuntimeProcess process);
}
