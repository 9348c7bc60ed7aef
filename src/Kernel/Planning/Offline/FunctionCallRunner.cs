using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>
/// Runs one function call the way Semantic Kernel's connectors run a model's tool call: through the kernel's
/// auto-function-invocation filters (which see the tool call id and the chat history), then the function itself through
/// <see cref="KernelFunction.InvokeAsync(Microsoft.SemanticKernel.Kernel, KernelArguments?, CancellationToken)"/>, which
/// passes the function-invocation filters.
/// </summary>
internal sealed class FunctionCallRunner
{
    public async Task<FunctionResult> InvokeAsync(
        Microsoft.SemanticKernel.Kernel kernel,
        KernelFunction function,
        FunctionCallContent call,
        ChatHistory chatHistory,
        ChatMessageContent callMessage,
        PromptExecutionSettings? settings,
        CancellationToken cancellationToken)
    {
        var context = new AutoFunctionInvocationContext(kernel, function, new FunctionResult(function), chatHistory, callMessage)
        {
            Arguments = call.Arguments,
            ToolCallId = call.Id,
            RequestSequenceIndex = 0,
            FunctionSequenceIndex = 0,
            FunctionCount = 1,
            ExecutionSettings = settings,
            CancellationToken = cancellationToken,
        };
        await RunAsync(kernel.AutoFunctionInvocationFilters, 0, context);
        return context.Result;
    }

    private static Task RunAsync(IList<IAutoFunctionInvocationFilter> filters, int index, AutoFunctionInvocationContext context)
    {
        if (index < filters.Count)
            return filters[index].OnAutoFunctionInvocationAsync(context, next => RunAsync(filters, index + 1, next));
        return InvokeFunctionAsync(context);
    }

    private static async Task InvokeFunctionAsync(AutoFunctionInvocationContext context) =>
        context.Result = await context.Function.InvokeAsync(context.Kernel, context.Arguments, context.CancellationToken);
}
