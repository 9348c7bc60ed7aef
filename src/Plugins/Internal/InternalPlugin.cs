using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Plugins.Functions;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Internal;

/// <summary>The product's own work products: reports, copy, analyses and recommendations (risk L0, still recorded as actions).</summary>
[Description("Reports, marketing copy drafts, analyses and recommendations produced inside the product.")]
public sealed class InternalPlugin
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Internal";

    /// <summary>Proposes a report; the gateway records and produces it.</summary>
    [KernelFunction("generate_report"), WorldAction("generate_report")]
    [Description("Produces a business report (e.g. weekly sales, refunds, ad performance) and files it for the team.")]
    public string GenerateReport(
        [Description("What the report covers, e.g. 'weekly sales and refunds'.")] string topic,
        [Description(ModelText.JustificationDescription)] string? justification = null) => ModelText.GatewayOnly;

    /// <summary>Proposes a copy draft; the gateway records and files it.</summary>
    [KernelFunction("draft_copy"), WorldAction("draft_copy")]
    [Description("Drafts marketing copy (a listing, an ad, an email) for review; nothing is published.")]
    public string DraftCopy(
        [Description("What to write, e.g. 'product description for p_3'.")] string brief,
        [Description("The draft text.")] string text) => ModelText.GatewayOnly;

    /// <summary>Proposes an analysis; the gateway records and files it.</summary>
    [KernelFunction("analyze_data"), WorldAction("analyze_data")]
    [Description("Files an analysis of business data (question, method and findings) for the team.")]
    public string AnalyzeData(
        [Description("The question analysed.")] string question,
        [Description("The findings, with the figures behind them.")] string findings) => ModelText.GatewayOnly;

    /// <summary>Proposes a recommendation; the gateway records and files it.</summary>
    [KernelFunction("create_recommendation"), WorldAction("create_recommendation")]
    [Description("Files a recommendation for the founder to consider; it changes nothing by itself.")]
    public string CreateRecommendation(
        [Description("The recommendation, in one or two sentences.")] string recommendation,
        [Description("The reasoning and figures behind it.")] string rationale) => ModelText.GatewayOnly;
}
