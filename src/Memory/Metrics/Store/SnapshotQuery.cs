using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Memory.Metrics.Store;

/// <summary>
/// The snapshot as one set-based SELECT: every hour of a range at every grain, each quantity computed once over all
/// entities with its one definition (<see cref="Sales"/>, <see cref="SalesMargins"/>, <see cref="RefundedAmount"/>,
/// <see cref="Roas"/>, <see cref="DeliveryTime"/>, <see cref="CashRunway"/>, <see cref="Stockout"/>), so a 90-day backfill
/// is one statement rather than one query per hour and entity. Its rows are (grain, entity_id, at, the components in
/// <see cref="MetricComponents.Columns"/> order).
/// Parameters: <c>$1</c> first hour (included), <c>$2</c> end of the last hour (excluded), <c>$3</c> cash account codes,
/// <c>$4</c> burn days.
/// </summary>
/// <remarks>
/// Flows (sales, margins, deliveries) fall in the hour they happened in, [h, h + 1 h). Levels (stock, cash) are read as of
/// the hour's end, an instant included, like <see cref="CashRunway"/>'s "now": a movement at t counts from the first hour
/// boundary at or after t. Ad platforms report per day, so each hour carries 1/24 of its day's figures as known at snapshot
/// time. Stock back in time is the current stock with every later movement undone (sales take units when placed, purchase
/// orders bring them when received).
/// </remarks>
internal static class SnapshotQuery
{
    // The first hour boundary at or after an instant: the end of the hour a level change belongs to.
    private static string EndOfHour(string instant) =>
        $"(CASE WHEN {instant} = date_trunc('hour', {instant}, 'UTC') THEN {instant} ELSE date_trunc('hour', {instant}, 'UTC') + interval '1 hour' END)";

    public static readonly string Sql = $"""
        WITH hours AS (
            SELECT h, h + interval '1 hour' AS e
            FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS series(h)
        ),
        sales AS (
            SELECT o.id, o.channel, date_trunc('hour', o.placed_at, 'UTC') AS h, o.total, o.first_order,
                   EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND {RefundedAmount.SqlCounts}) AS refunded,
                   EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = o.id) AS disputed
            FROM orders o
            WHERE o.placed_at >= $1 AND o.placed_at < $2 AND {Sales.SqlIsSale}
        ),
        refunded AS (
            SELECT r.order_id, sum(r.amount) AS amount FROM refunds r
            WHERE {RefundedAmount.SqlCounts} AND r.order_id IN (SELECT id FROM sales) GROUP BY r.order_id
        ),
        lines AS (
            SELECT l.order_id, s.channel, s.h, l.product_id, l.line_total, s.first_order, s.refunded, s.disputed,
                   {SalesMargins.SqlLineMargin} AS margin
            FROM order_lines l JOIN sales s ON s.id = l.order_id JOIN products p ON p.id = l.product_id
            LEFT JOIN refunded rf ON rf.order_id = l.order_id
        ),
        delivered AS (
            SELECT o.id, o.channel, date_trunc('hour', o.delivered_at, 'UTC') AS h, {DeliveryTime.SqlDays} AS days
            FROM orders o WHERE o.delivered_at >= $1 AND o.delivered_at < $2
        ),
        ads AS (
            SELECT a.id AS ad_set_id, a.product_id, hours.h, m.spend / 24 AS spend, m.revenue / 24 AS revenue,
                   m.orders / 24.0 AS orders, m.clicks / 24.0 AS clicks
            FROM hours JOIN ad_set_daily_metrics m ON m.date = (hours.h AT TIME ZONE 'UTC')::date JOIN ad_sets a ON a.id = m.ad_set_id
        ),
        moves AS (
            SELECT l.product_id, {EndOfHour("o.placed_at")} AS e, -l.quantity AS delta
            FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.placed_at > $1
            UNION ALL
            SELECT pl.product_id, {EndOfHour("po.received_at")} AS e, pl.quantity AS delta
            FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id WHERE po.received_at > $1
        ),
        moved_since AS (SELECT product_id, sum(delta) AS delta FROM moves GROUP BY product_id),
        -- Every product's every hour end with the movements at it (none: 0), summed without a join so the planner
        -- cannot multiply products by movements: joining them made a 62-million-row merge join at 200 products, and
        -- the 90-day backfill took 30.4 s; summed like this it takes 14.3 s (bench metrics --products 200, one hour 75 ms).
        stock_moves AS (
            SELECT product_id, e, sum(delta) AS delta FROM (
                SELECT p.id AS product_id, hours.e, 0 AS delta FROM products p CROSS JOIN hours
                UNION ALL
                SELECT product_id, e, delta FROM moves WHERE e <= $2
            ) grid GROUP BY product_id, e
        ),
        stock_at AS (
            SELECT sm.product_id, p.status, sm.e - interval '1 hour' AS h,
                   p.stock - coalesce(ms.delta, 0) + sum(sm.delta) OVER (PARTITION BY sm.product_id ORDER BY sm.e) AS stock
            FROM stock_moves sm JOIN products p ON p.id = sm.product_id
            LEFT JOIN moved_since ms ON ms.product_id = sm.product_id
        ),
        ledger AS (
            SELECT {EndOfHour("e.occurred_at")} AS e, sum(l.debit - l.credit) AS net
            FROM ledger_lines l JOIN journal_entries e ON e.id = l.journal_entry_id
            WHERE l.account_code = ANY($3) AND e.occurred_at <= $2
            GROUP BY 1
        ),
        cash_flow AS (
            SELECT cs.h, coalesce(lg.net, 0) AS net
            FROM generate_series($1::timestamptz - make_interval(hours => $4 * 24), $2::timestamptz - interval '1 hour', interval '1 hour') AS cs(h)
            LEFT JOIN ledger lg ON lg.e = cs.h + interval '1 hour'
        ),
        cash_at AS (
            SELECT h, (SELECT coalesce(sum(net), 0) FROM ledger WHERE e <= $1::timestamptz - make_interval(hours => $4 * 24))
                      + sum(net) OVER (ORDER BY h) AS cash
            FROM cash_flow
        ),
        cash AS (
            SELECT h, cash, lag(cash, $4 * 24) OVER (ORDER BY h) - cash AS burn FROM cash_at
        )
        SELECT 'business', 'business', hours.h,
               coalesce(s.revenue, 0), coalesce(s.orders, 0), coalesce(s.new_customers, 0), coalesce(s.refunded, 0), coalesce(s.disputed, 0),
               coalesce(m.margin, 0), coalesce(ad.spend, 0), coalesce(ad.revenue, 0), coalesce(ad.orders, 0), coalesce(ad.clicks, 0),
               coalesce(d.delivered, 0), coalesce(d.days, 0), st.stock, st.stockouts, c.cash, c.burn
        FROM hours
        LEFT JOIN (SELECT h, sum(total) AS revenue, count(*) AS orders, count(*) FILTER (WHERE first_order) AS new_customers,
                          count(*) FILTER (WHERE refunded) AS refunded, count(*) FILTER (WHERE disputed) AS disputed
                   FROM sales GROUP BY h) s ON s.h = hours.h
        LEFT JOIN (SELECT h, sum(margin) AS margin FROM lines GROUP BY h) m ON m.h = hours.h
        LEFT JOIN (SELECT h, sum(spend) AS spend, sum(revenue) AS revenue, sum(orders) AS orders, sum(clicks) AS clicks
                   FROM ads GROUP BY h) ad ON ad.h = hours.h
        LEFT JOIN (SELECT h, count(*) AS delivered, sum(days) AS days FROM delivered GROUP BY h) d ON d.h = hours.h
        LEFT JOIN (SELECT h, sum(stock) AS stock, count(*) FILTER (WHERE status = '{Stockout.ActiveStatus}' AND stock <= 0) AS stockouts
                   FROM stock_at GROUP BY h) st ON st.h = hours.h
        LEFT JOIN cash c ON c.h = hours.h
        UNION ALL
        SELECT 'channel', ch.channel, hours.h,
               coalesce(s.revenue, 0), coalesce(s.orders, 0), coalesce(s.new_customers, 0), coalesce(s.refunded, 0), coalesce(s.disputed, 0),
               coalesce(m.margin, 0), NULL, NULL, NULL, NULL,
               coalesce(d.delivered, 0), coalesce(d.days, 0), NULL, NULL, NULL, NULL
        FROM (SELECT DISTINCT channel FROM orders) ch CROSS JOIN hours
        LEFT JOIN (SELECT channel, h, sum(total) AS revenue, count(*) AS orders, count(*) FILTER (WHERE first_order) AS new_customers,
                          count(*) FILTER (WHERE refunded) AS refunded, count(*) FILTER (WHERE disputed) AS disputed
                   FROM sales GROUP BY channel, h) s ON s.channel = ch.channel AND s.h = hours.h
        LEFT JOIN (SELECT channel, h, sum(margin) AS margin FROM lines GROUP BY channel, h) m ON m.channel = ch.channel AND m.h = hours.h
        LEFT JOIN (SELECT channel, h, count(*) AS delivered, sum(days) AS days FROM delivered GROUP BY channel, h) d
               ON d.channel = ch.channel AND d.h = hours.h
        UNION ALL
        SELECT 'product', st.product_id, st.h,
               coalesce(pl.revenue, 0), coalesce(pl.orders, 0), coalesce(pl.new_customers, 0), coalesce(pl.refunded, 0), coalesce(pl.disputed, 0),
               coalesce(pl.margin, 0), coalesce(ad.spend, 0), coalesce(ad.revenue, 0), coalesce(ad.orders, 0), coalesce(ad.clicks, 0),
               coalesce(d.delivered, 0), coalesce(d.days, 0), st.stock,
               CASE WHEN st.status = '{Stockout.ActiveStatus}' AND st.stock <= 0 THEN 1 ELSE 0 END, NULL, NULL
        FROM stock_at st
        LEFT JOIN (SELECT product_id, h, sum(line_total) AS revenue, count(DISTINCT order_id) AS orders,
                          count(DISTINCT order_id) FILTER (WHERE first_order) AS new_customers,
                          count(DISTINCT order_id) FILTER (WHERE refunded) AS refunded,
                          count(DISTINCT order_id) FILTER (WHERE disputed) AS disputed, sum(margin) AS margin
                   FROM lines GROUP BY product_id, h) pl ON pl.product_id = st.product_id AND pl.h = st.h
        LEFT JOIN (SELECT product_id, h, sum(spend) AS spend, sum(revenue) AS revenue, sum(orders) AS orders, sum(clicks) AS clicks
                   FROM ads GROUP BY product_id, h) ad ON ad.product_id = st.product_id AND ad.h = st.h
        LEFT JOIN (SELECT pd.product_id, dv.h, count(*) AS delivered, sum(dv.days) AS days
                   FROM delivered dv CROSS JOIN LATERAL (SELECT DISTINCT l.product_id FROM order_lines l WHERE l.order_id = dv.id) pd
                   GROUP BY pd.product_id, dv.h) d ON d.product_id = st.product_id AND d.h = st.h
        UNION ALL
        SELECT 'ad_set', a.id, hours.h,
               NULL, NULL, coalesce(ad.orders, 0), NULL, NULL,
               NULL, coalesce(ad.spend, 0), coalesce(ad.revenue, 0), coalesce(ad.orders, 0), coalesce(ad.clicks, 0),
               NULL, NULL, NULL, NULL, NULL, NULL
        FROM ad_sets a CROSS JOIN hours
        LEFT JOIN ads ad ON ad.ad_set_id = a.id AND ad.h = hours.h
        """;
}
