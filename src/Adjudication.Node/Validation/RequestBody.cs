using Google.Protobuf;

namespace Adjudication.Node.Validation;

/// <summary>Parses a request that arrived as raw bytes (NetworkService), refusing unreadable bytes as INVALID_ARGUMENT.</summary>
internal static class RequestBody
{
    /// <summary>The message in <paramref name="body"/>; unparsable bytes are refused naming the message expected (DESIGN.md §7).</summary>
    public static T Parse<T>(MessageParser<T> parser, byte[] body)
        where T : IMessage<T>, new()
    {
        try
        {
            return parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Refusals.Unreadable(new T().Descriptor.FullName, Errors.Echo.Cut(ex.Message, 120));
        }
    }
}
