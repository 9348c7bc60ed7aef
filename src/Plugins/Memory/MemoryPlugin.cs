using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Memory.Learnings;
using LiveShop.Plugins.Functions;
using Microsoft.SemanticKernel;
using LiveShop.Kernel.Actions.Definitions.Memory;

namespace LiveShop.Plugins.Memory;

/// <summary>
/// The personas' memory: the knowledge base (policies, SOPs, playbooks) with citations, the long-term memory of
/// lessons recalled within the caller's scope, and <see cref="RememberAction"/> for the persona's own conclusions (an L0 action).
/// </summary>
[Description("Knowledge base search with citations, recall of learnings, and remembering conclusions.")]
public sealed class MemoryPlugin(KnowledgeSearch knowledge, MemoryStore memories)
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Memory";

    /// <summary>Passages of the knowledge base that answer a question, each with its citation.</summary>
    [KernelFunction("search_knowledge"), ReadOnlyFunction]
    [PlannerHints(
        ["what does our returns policy say", "search the knowledge base", "what is the procedure for damaged items"],
        ["policy", "policies", "sop", "knowledge base", "procedure", "playbook", "platform rule"])]
    [Description("Searches the business's knowledge base (policies, SOPs, platform rules, playbooks). Cite each passage you use by its 'citation'.")]
    public async Task<string> SearchKnowledgeAsync(
        [Description("The question, in plain words, e.g. 'how long do customers have to return a damaged item?'.")] string query,
        [Description("Only documents of this type, e.g. 'policy', 'sop', 'playbook'; leave empty for all.")] string? doc_type = null,
        [Description("How many passages to return (1–20, default 5).")] int k = 5,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query)) return ModelText.Json(new { error = "give a question to search for" });
        var hits = await knowledge.SearchAsync(new KnowledgeQuery
        {
            Text = query, K = Math.Clamp(k, 1, 20), DocType = string.IsNullOrWhiteSpace(doc_type) ? null : doc_type.Trim(),
        }, cancellationToken);
        return ModelText.Json(new
        {
            results = hits.Select(h => new
            {
                citation = h.Citation, title = h.Title, heading_path = h.HeadingPath, source = h.Source, doc_type = h.DocType, text = h.Content,
            }),
            note = hits.Count == 0 ? "no passage matches; say that the knowledge base does not cover this" : null,
        });
    }

    /// <summary>Lessons and decisions the caller may see, most relevant and most recently confirmed first.</summary>
    [KernelFunction("recall_learnings"), ReadOnlyFunction]
    [PlannerHints(
        ["what did we learn last time", "what happened when we tried this before", "recall past lessons"],
        ["learned", "learnt", "lesson", "last time", "what happened when", "recall"])]
    [Description("Recalls what the business learned before (what worked, what failed, why the founder overrode an agent). "
                 + "Business-wide lessons and your own are always visible; product or supplier lessons when you name the product or supplier.")]
    public async Task<string> RecallLearningsAsync(
        Microsoft.SemanticKernel.Kernel kernel,
        [Description("What you want to know, e.g. 'what happened when we dropped the price of p_3?'.")] string query,
        [Description("Narrow to one scope: 'business', 'persona' (your own), 'product' or 'supplier'; leave empty for all you may see.")] string? scope = null,
        [Description("The product or supplier id for scope 'product' or 'supplier', e.g. 'p_3' or 's_2'.")] string? scope_key = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query)) return ModelText.Json(new { error = "give a question to recall learnings for" });
        var persona = CallerIdentity.Of(kernel)?.Persona;
        var filter = FilterFor(persona, scope, scope_key, out var problem);
        if (filter is null) return ModelText.Json(new { error = problem });
        var recalled = await memories.RecallAsync(query, filter, 5, cancellationToken);
        return ModelText.Json(new
        {
            memories = recalled.Select(r => new
            {
                content = r.Memory.Content, scope = r.Memory.Scope, scope_key = r.Memory.ScopeKey, kind = r.Memory.Kind,
                confirmations = r.Memory.ConfirmationCount, last_confirmed_at = r.Memory.LastConfirmedAt ?? r.Memory.CreatedAt,
                evidence_items = r.Memory.Evidence.ValueKind == System.Text.Json.JsonValueKind.Array ? r.Memory.Evidence.GetArrayLength() : 0,
                score = Math.Round(r.Score, 3),
            }),
            note = recalled.Count == 0 ? "nothing learned about this yet" : null,
        });
    }

    /// <summary>The recall filter for a persona's request; null (with <paramref name="problem"/>) when the request is unusable.</summary>
    public static MemoryScopeFilter? FilterFor(string? persona, string? scope, string? scopeKey, out string? problem)
    {
        problem = null;
        var key = string.IsNullOrWhiteSpace(scopeKey) ? null : scopeKey.Trim();
        if (string.IsNullOrWhiteSpace(scope)) return new MemoryScopeFilter { Persona = persona };
        switch (MemoryScopes.Normalise(scope))
        {
            case MemoryScopes.Business:
                return new MemoryScopeFilter();
            case MemoryScopes.Persona:
                // A persona reads its own notes only, whatever key it names.
                return new MemoryScopeFilter { Persona = persona ?? "", IncludeBusiness = false };
            case MemoryScopes.Product when key is not null:
                return new MemoryScopeFilter { Products = [key], IncludeBusiness = false };
            case MemoryScopes.Supplier when key is not null:
                return new MemoryScopeFilter { Suppliers = [key], IncludeBusiness = false };
            case MemoryScopes.Product or MemoryScopes.Supplier:
                problem = $"scope '{scope}' needs scope_key (which {scope.Trim().ToLowerInvariant()})";
                return null;
            default:
                problem = $"unknown scope '{scope}'; use business, persona, product or supplier";
                return null;
        }
    }
}
