namespace LiveShop.Chat.SignIn;

/// <summary>Where the sign-in form may send the browser afterwards: only to a path on this host.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// Whether <paramref name="url"/> is a path on this host. Refused: anything not starting with one <c>/</c>
    /// (<c>//evil</c> and <c>/\evil</c> are other hosts to a browser), and any control character — browsers drop tabs
    /// and line breaks from URLs, so <c>/&#9;/evil</c> becomes <c>//evil</c>. An open redirect would let a phishing link
    /// borrow the sign-in page.
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
