using System.Text;
using LiveShop.Chat.Api;
using LiveShop.Memory.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace LiveShop.Chat.Messaging.Slack;

/// <summary>The fields each Slack request URL reads, checked after the signature and before any handler runs.</summary>
public static class SlackRequestShapes
{
    /// <summary>An Events API body: url_verification with its challenge, or an event callback whose event the handlers can read.</summary>
    public static InboundBodyShape? Event(byte[] body, out IReadOnlyList<Problems.FieldError> errors)
    {
        var shape = InboundBodyShape.Parse(body, "", out errors);
        if (shape is null) return null;
        shape.Text("type");
        switch (shape.TextAt("type"))
        {
            case "url_verification":
                shape.Text("challenge");
                break;
            case "event_callback":
                shape.Text("event_id").Object("event").Text("event.type");
                foreach (var optional in new[] { "event.user", "event.channel", "event.text", "event.ts", "event.thread_ts", "event.channel_type", "event.bot_id", "event.subtype" })
                    shape.Text(optional, required: false);
                // What SlackConversations reads from a person's message (bots' and edited messages are ignored there).
                if (shape.TextAt("event.type") is "app_mention" or "message" && !shape.Has("event.bot_id") && !shape.Has("event.subtype"))
                    shape.Text("event.user").Text("event.channel").Text("event.ts").Text("event.text");
                break;
        }
        errors = shape.Errors;
        return errors.Count == 0 ? shape : null;
    }

    /// <summary>A form-encoded body (slash commands, interactions): valid UTF-8 before it is decoded.</summary>
    public static IQueryCollection? Form(byte[] body, out IReadOnlyList<Problems.FieldError> errors)
    {
        errors = [];
        if (UnicodeText.IsValidUtf8(body)) return new QueryCollection(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)));
        errors = [new("body", "is not valid UTF-8 text")];
        return null;
    }

    /// <summary>An interaction's <c>payload</c>: a block action with its action and user, or a view submission with its view.</summary>
    public static InboundBodyShape? Interaction(IQueryCollection form, out IReadOnlyList<Problems.FieldError> errors)
    {
        if (!form.TryGetValue("payload", out var payload) || StringValues.IsNullOrEmpty(payload))
        {
            errors = [new("payload", "is required")];
            return null;
        }
        var shape = InboundBodyShape.Parse(Encoding.UTF8.GetBytes(payload.ToString()), "payload.", out errors);
        if (shape is null) return null;
        shape.Text("type");
        switch (shape.TextAt("type"))
        {
            case "block_actions":
                shape.NonEmptyArray("actions").Object("user").Text("user.id").Object("channel", required: false).Text("channel.id", required: false);
                if (shape.Has("actions[0]"))
                    shape.Object("actions[0]").Text("actions[0].action_id").Text("actions[0].value", required: false).Text("trigger_id", required: false);
                break;
            case "view_submission":
                shape.Object("view").Text("view.callback_id");
                if (shape.TextAt("view.callback_id") == SlackApprovalBlocks.RejectModalCallbackId)
                    shape.Text("view.private_metadata").Object("view.state").Object("view.state.values").Object("user").Text("user.id");
                break;
        }
        errors = shape.Errors;
        return errors.Count == 0 ? shape : null;
    }
}
