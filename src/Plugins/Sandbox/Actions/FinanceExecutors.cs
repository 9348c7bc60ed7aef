using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Creators;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Supply;
using LiveShop.Kernel.Actions.Definitions.Payments;
using LiveShop.Kernel.Actions.Definitions.Stock;
using LiveShop.Kernel.Actions.Definitions.WorkProducts;

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary><see cref="ReorderStockAction"/>: raises a purchase order with the product's supplier.</summary>
public sealed class ReorderStockExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => ReorderStockAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var product = await BusinessUnitOfWork.FindAsync(db.Products, BusinessUnitOfWork.Text(packet, "product_id"), "product", cancellationToken);
            var supplierId = product.SupplierId ?? throw new InvalidOperationException($"product {product.Id} has no supplier to reorder from");
            var supplier = await BusinessUnitOfWork.FindAsync(db.Suppliers, supplierId, "supplier", cancellationToken);
            var quantity = (int)BusinessUnitOfWork.Number(packet, "quantity");
            var unitCost = BusinessUnitOfWork.OptionalNumber(packet, "unit_cost") ?? product.UnitCost;
            var order = new PurchaseOrder
            {
                Id = BusinessUnitOfWork.NewId("po", packet), SupplierId = supplierId, Status = "ordered", OrderedAt = business.Now,
                ExpectedAt = business.Now.AddDays(supplier.LeadTimeDays), Total = quantity * unitCost,
            };
            order.Lines.Add(new PurchaseOrderLine { PurchaseOrderId = order.Id, ProductId = product.Id, Quantity = quantity, UnitCost = unitCost });
            db.PurchaseOrders.Add(order);
            var result = new ExecutionResult
            {
                ConnectorReference = order.Id, Summary = $"purchase order {order.Id}: {quantity} × {product.Id} at {unitCost} from {supplierId}",
            };
            return (result, Array.Empty<(string, object)>());
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="PaySupplierAction"/>: pays a supplier from cash (journal entry Dr inventory / Cr cash).</summary>
public sealed class PaySupplierExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => PaySupplierAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var supplier = await BusinessUnitOfWork.FindAsync(db.Suppliers, BusinessUnitOfWork.Text(packet, "supplier_id"), "supplier", cancellationToken);
            var amount = BusinessUnitOfWork.Number(packet, "amount");
            var entry = Payments.Journal(db, business.Now, $"payment to supplier {supplier.Id}", "supplier_payment", supplier.Id, debit: "1200", amount);
            var reference = BusinessUnitOfWork.NewId("pay", packet);
            var result = new ExecutionResult
            {
                ConnectorReference = reference, Summary = $"paid {amount} to supplier {supplier.Id} ({reference})",
            };
            return (result, [("LedgerEntryCreated", (object)new { JournalEntryId = entry.Id.ToString(), AccountCode = "1000", Amount = -amount, entry.Description })]);
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="PayCreatorAction"/>: pays a creator's commissions (payout row, journal entry Dr payable / Cr cash).</summary>
public sealed class PayCreatorExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => PayCreatorAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var creator = await BusinessUnitOfWork.FindAsync(db.Creators, BusinessUnitOfWork.Text(packet, "creator_id"), "creator", cancellationToken);
            var amount = BusinessUnitOfWork.Number(packet, "amount");
            var payout = new CreatorPayout
            {
                Id = BusinessUnitOfWork.NewId("cp", packet), CreatorId = creator.Id, Amount = amount, Status = "paid", PeriodEnd = business.Now, PaidAt = business.Now,
            };
            db.CreatorPayouts.Add(payout);
            var entry = Payments.Journal(db, business.Now, $"payout {payout.Id} to creator {creator.Id}", "creator_payout", payout.Id, debit: "2100", amount);
            var result = new ExecutionResult
            {
                ConnectorReference = payout.Id, Summary = $"paid {amount} to creator {creator.Id} ({payout.Id})",
            };
            return (result,
            [
                ("PayoutProcessed", (object)new { PayoutId = payout.Id, CreatorId = creator.Id, Amount = amount }),
                ("LedgerEntryCreated", new { JournalEntryId = entry.Id.ToString(), AccountCode = "1000", Amount = -amount, entry.Description }),
            ]);
        }, packet.ActionId, cancellationToken);
}

internal static class Payments
{
    /// <summary>A balanced two-line entry: debit <paramref name="debit"/>, credit cash.</summary>
    public static JournalEntry Journal(LiveShopDbContext db, DateTimeOffset at, string description, string sourceType, string sourceId, string debit, decimal amount)
    {
        var entry = new JournalEntry { Id = Guid.NewGuid(), OccurredAt = at, Description = description, SourceType = sourceType, SourceId = sourceId };
        entry.Lines.Add(new LedgerLine { JournalEntryId = entry.Id, AccountCode = debit, Debit = amount });
        entry.Lines.Add(new LedgerLine { JournalEntryId = entry.Id, AccountCode = "1000", Credit = amount });
        db.JournalEntries.Add(entry);
        return entry;
    }
}

/// <summary>The L0 actions (drafts, reports, analyses, recommendations): recorded by the gateway, nothing in the business changes.</summary>
public sealed class RecordOnlyExecutor(string action) : IActionExecutor
{
    /// <summary>The L0 actions of the contract.</summary>
    public static readonly IReadOnlyList<string> Actions = [.. ActionCatalog.All.OfType<WorkProductAction>().Select(a => a.Name)];

    /// <inheritdoc />
    public string Action { get; } = action;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        Task.FromResult(new ExecutionResult
        {
            ConnectorReference = $"recorded:{packet.ActionId}",
            Summary = $"{Action} recorded; nothing in the business changed",
        });
}
