namespace LiveShop.Memory.Metrics.Store;

/// <summary>One value of a metric: the start of its bucket and the value (null when the bucket has none, e.g. ROAS without spend).</summary>
public sealed record MetricPoint(DateTimeOffset At, decimal? Value);

/// <summary>Why a metrics question cannot be answered as asked: the field at fault and what is wrong with it.</summary>
public sealed class MetricQueryException(string field, string message) : Exception(message)
{
    /// <summary>The offending field (<c>metric</c>, <c>grain</c>, <c>id</c>, <c>resolution</c>, <c>from</c>, <c>to</c>).</summary>
    public string Field { get; } = field;
}

/// <summary>
/// The read side of the metrics store: a metric's points for one entity over a time range, hourly or daily, each computed
/// from its bucket's components with the metric's one definition (<see cref="MetricCatalog"/>).
/// </summary>
public sealed class MetricsStore(MetricSeriesTable table)
{
    /// <summary>Answers a question as typed (<see cref="MetricQuery"/>): applies the defaults, then <see cref="QueryAsync(string, string, string?, DateTimeOffset, DateTimeOffset, string, CancellationToken)"/>.</summary>
    public async Task<MetricAnswer> AnswerAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.Metric))
            throw new MetricQueryException("metric", $"a metric is required; known metrics: {string.Join(", ", MetricCatalog.Names)}");
        var grain = string.IsNullOrWhiteSpace(query.Grain) ? MetricGrains.Business : query.Grain;
        var resolution = string.IsNullOrWhiteSpace(query.Resolution) ? MetricResolutions.Day : query.Resolution;
        DateTimeOffset to;
        if (!string.IsNullOrWhiteSpace(query.To)) to = MetricQueryText.ParseInstant("to", query.To, endOfDay: true);
        else if (await table.NewestHourAsync(cancellationToken) is { } newest) to = newest.AddHours(1);
        else throw new MetricQueryException("to", "the metrics store is empty: nothing has been snapshotted yet (give --to, or seed the business)");
        var from = string.IsNullOrWhiteSpace(query.From)
            ? to.AddDays(resolution == MetricResolutions.Hour ? -2 : -30)
            : MetricQueryText.ParseInstant("from", query.From, endOfDay: false);
        if (resolution == MetricResolutions.Day) (from, to) = (MetricSeriesTable.StartOfDay(from), MetricSeriesTable.StartOfDay(to.AddTicks(-1)).AddDays(1));
        var points = await QueryAsync(query.Metric, grain, query.Id, from, to, resolution, cancellationToken);
        var entity = grain == MetricGrains.Business ? MetricGrains.BusinessId : query.Id!;
        return new MetricAnswer(query.Metric, MetricCatalog.Find(query.Metric)!.Description, grain, entity, resolution, from, to, points);
    }

    /// <summary>
    /// The points of <paramref name="metric"/> for <paramref name="id"/> at <paramref name="grain"/> whose buckets start in
    /// [<paramref name="from"/>, <paramref name="to"/>), oldest first. Throws <see cref="MetricQueryException"/> for an
    /// unknown metric, grain or resolution, a metric the grain does not record, a missing or unknown id, or an empty range.
    /// </summary>
    public async Task<IReadOnlyList<MetricPoint>> QueryAsync(string metric, string grain, string? id, DateTimeOffset from, DateTimeOffset to,
        string resolution = MetricResolutions.Day, CancellationToken cancellationToken = default)
    {
        var definition = MetricCatalog.Find(metric)
            ?? throw new MetricQueryException("metric", $"unknown metric '{metric}'; known metrics: {string.Join(", ", MetricCatalog.Names)}");
        if (!MetricGrains.All.Contains(grain))
            throw new MetricQueryException("grain", $"unknown grain '{grain}'; grains: {string.Join(", ", MetricGrains.All)}");
        if (!definition.Grains.Contains(grain))
            throw new MetricQueryException("grain", $"{metric} is not recorded at the {grain} grain; it is at: {string.Join(", ", definition.Grains)}");
        if (!MetricResolutions.All.Contains(resolution))
            throw new MetricQueryException("resolution", $"unknown resolution '{resolution}'; resolutions: {string.Join(", ", MetricResolutions.All)}");
        if (to <= from) throw new MetricQueryException("to", $"the range must end after it starts ({from:O} .. {to:O})");
        var entity = grain == MetricGrains.Business ? MetricGrains.BusinessId
            : string.IsNullOrWhiteSpace(id) ? throw new MetricQueryException("id", $"the {grain} grain needs an id") : id;
        if (grain != MetricGrains.Business && !await table.KnowsAsync(grain, entity, cancellationToken))
            throw new MetricQueryException("id", $"no {grain} '{entity}' in the metrics store");
        var rows = await table.ReadAsync(grain, entity, resolution, from.ToUniversalTime(), to.ToUniversalTime(), cancellationToken);
        return [.. rows.Select(r => new MetricPoint(r.At, definition.Value(r.Components)))];
    }
}
