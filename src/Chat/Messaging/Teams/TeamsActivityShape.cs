using LiveShop.Chat.Api;

namespace LiveShop.Chat.Messaging.Teams;

/// <summary>The fields <see cref="TeamsActivities"/> reads from an activity, checked once the token is valid and before anything runs.</summary>
public static class TeamsActivityShape
{
    /// <summary>The checked activity, or null with every offending field in <paramref name="errors"/>.</summary>
    public static InboundBodyShape? Check(byte[] body, out IReadOnlyList<Problems.FieldError> errors)
    {
        var shape = InboundBodyShape.Parse(body, "", out errors);
        if (shape is null) return null;
        shape.Text("type").Text("serviceUrl").Text("id", required: false).Text("name", required: false).Text("text", required: false)
            .Object("from", required: false).Text("from.id", required: false);
        switch (shape.TextAt("type"))
        {
            case "message":
                shape.Object("conversation").Text("conversation.id");
                if (shape.Has("value") && shape.Has("value.approval_id"))
                    shape.Text("value.approval_id").Text("value.verb", required: false).Text("value.reason", required: false);
                break;
            case "invoke" when shape.TextAt("name") == "adaptiveCard/action":
                shape.Object("value").Object("value.action").Text("value.action.verb", required: false)
                    .Object("value.action.data", required: false).Text("value.action.data.approval_id", required: false)
                    .Text("value.action.data.reason", required: false);
                break;
        }
        errors = shape.Errors;
        return errors.Count == 0 ? shape : null;
    }
}
