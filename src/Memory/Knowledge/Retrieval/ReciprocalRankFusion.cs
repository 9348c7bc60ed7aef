namespace LiveShop.Memory.Knowledge.Retrieval;

/// <summary>
/// Merges rankings by reciprocal rank fusion: each list adds 1 / (k + rank) for an item, so an item both rankings
/// place well beats one a single ranking places first. Scores need no calibration between rankings.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The customary constant (Cormack et al.): dampens the weight of the very top ranks.</summary>
    public const int DefaultK = 60;

    /// <summary>Fused scores of every item in any ranking, best first (ties by first appearance).</summary>
    public static IReadOnlyList<(TItem Item, double Score)> Fuse<TItem>(IEnumerable<IReadOnlyList<TItem>> rankings, int k = DefaultK)
        where TItem : notnull
    {
        var scores = new Dictionary<TItem, double>();
        var firstSeen = new Dictionary<TItem, int>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var item = ranking[rank];
                scores[item] = scores.GetValueOrDefault(item) + 1.0 / (k + rank + 1);
                firstSeen.TryAdd(item, firstSeen.Count);
            }
        }
        return scores.OrderByDescending(s => s.Value).ThenBy(s => firstSeen[s.Key]).Select(s => (s.Key, s.Value)).ToList();
    }
}
