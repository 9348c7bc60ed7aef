using MimeKit;

namespace LiveShop.Plugins.Tests.Support.Email;

/// <summary>One stored message of the test IMAP server.</summary>
internal sealed record ImapStoredMessage(uint Uid, byte[] Raw, HashSet<string> Flags);

/// <summary>A mailbox of the test IMAP server: UIDVALIDITY, UIDs handed out in order, the messages' raw bytes.</summary>
internal sealed class ImapTestMailbox(string name, uint uidValidity)
{
    private readonly List<ImapStoredMessage> _messages = [];
    private uint _nextUid = 1;

    public string Name { get; } = name;
    public uint UidValidity { get; private set; } = uidValidity;
    public uint UidNext { get { lock (_messages) return _nextUid; } }

    /// <summary>Appends a message and returns its UID.</summary>
    public uint Add(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(FormatOptions.Default.Clone(), buffer);
        lock (_messages)
        {
            var uid = _nextUid++;
            _messages.Add(new ImapStoredMessage(uid, buffer.ToArray(), []));
            return uid;
        }
    }

    /// <summary>Renumbers the mailbox as a server does after rebuilding it: new UIDVALIDITY, UIDs from 1.</summary>
    public void Renumber(uint uidValidity)
    {
        lock (_messages)
        {
            UidValidity = uidValidity;
            for (var i = 0; i < _messages.Count; i++) _messages[i] = _messages[i] with { Uid = (uint)(i + 1) };
            _nextUid = (uint)_messages.Count + 1;
        }
    }

    /// <summary>A consistent copy of the messages, in UID (= sequence) order.</summary>
    public IReadOnlyList<ImapStoredMessage> Snapshot()
    {
        lock (_messages) return _messages.ToList();
    }
}
