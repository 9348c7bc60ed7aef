using LiveShop.Kernel.Automation.Jobs;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>The business jobs registered in DI, by name (names are unique: a duplicate fails at start).</summary>
public sealed class BusinessJobCatalog
{
    private readonly Dictionary<string, IBusinessJob> _byName;

    public BusinessJobCatalog(IEnumerable<IBusinessJob> jobs)
    {
        _byName = new Dictionary<string, IBusinessJob>(StringComparer.Ordinal);
        foreach (var job in jobs)
            if (!_byName.TryAdd(job.Name, job))
                throw new InvalidOperationException($"two business jobs are named '{job.Name}'");
        All = _byName.Values.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every job, by name.</summary>
    public IReadOnlyList<IBusinessJob> All { get; }

    /// <summary>The job named <paramref name="name"/>, or null.</summary>
    public IBusinessJob? Find(string name) => _byName.GetValueOrDefault(name);
}
