using LiveShop.Kernel.Actions.Definitions.Platform;
namespace LiveShop.Kernel.Policies;

/// <summary>
/// The policy the verifier and the gateway apply right now: the newest version adopted through <see cref="ChangePolicyAction"/>,
/// or the initial policy (the file, else the embedded default) while none was. Callers read it once per verdict, so a
/// change takes effect without a restart and the verifier itself stays a pure function of the policy it is given.
/// </summary>
public sealed class PolicyInForce
{
    private readonly IAdoptedPolicySource? _source;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private BusinessPolicy _current;
    private long _checkedAt;
    private bool _checkedOnce;

    /// <summary>A holder over <paramref name="initial"/> that also follows the versions <paramref name="source"/> reports adopted.</summary>
    public PolicyInForce(BusinessPolicy initial, IAdoptedPolicySource? source = null, TimeProvider? time = null)
    {
        Initial = initial;
        _current = initial;
        _source = source;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The policy the installation started from (the policy file); in force until a change is adopted.</summary>
    public BusinessPolicy Initial { get; }

    /// <summary>How long a read trusts the last look at the adopted versions; other hosts' changes arrive within it.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The policy as last read (no I/O); use <see cref="GetAsync"/> where a verdict is issued or checked.</summary>
    public BusinessPolicy Current => Volatile.Read(ref _current);

    /// <summary>The policy in force, re-reading the newest adopted version when the last look is older than <see cref="RefreshInterval"/>.</summary>
    public async ValueTask<BusinessPolicy> GetAsync(CancellationToken cancellationToken)
    {
        if (_source is null || (Volatile.Read(ref _checkedOnce) && _time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < RefreshInterval))
            return Current;
        await RefreshAsync(cancellationToken);
        return Current;
    }

    /// <summary>Reads the newest adopted version now (at start-up, and after a change made elsewhere).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_source is null) return;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var newest = await _source.NewestAsync(cancellationToken);
            if (newest is null) Adopt(Initial);
            else if (!string.Equals(newest.Version, Current.Version, StringComparison.Ordinal))
                Adopt(PolicyLoader.Parse(newest.Yaml, $"policy_versions:{newest.Version[..12]}"));
            Volatile.Write(ref _checkedAt, _time.GetTimestamp());
            Volatile.Write(ref _checkedOnce, true);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Puts <paramref name="policy"/> in force on this host (the executor of <see cref="ChangePolicyAction"/> calls it after writing the version).</summary>
    public void Adopt(BusinessPolicy policy) => Volatile.Write(ref _current, policy);
}

/// <summary>Where adopted policy versions are kept (the <c>policy_versions</c> table).</summary>
public interface IAdoptedPolicySource
{
    /// <summary>The newest adopted version with its YAML, or null when the initial policy is still in force.</summary>
    Task<AdoptedPolicyText?> NewestAsync(CancellationToken cancellationToken);
}

/// <summary>One adopted policy version as stored.</summary>
public sealed record AdoptedPolicyText(string Version, string Yaml);
