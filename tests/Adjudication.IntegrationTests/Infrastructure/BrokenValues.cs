using System.Collections;
using Adjudication.Contracts.V1;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// Generators of the malformed input DESIGN.md §7 says a node refuses clearly: text that breaks a field's rules, division
/// codes of the wrong length, dates out of range or not dates at all, amounts at the edges of int64, unknown enum values,
/// garbage bodies; and <see cref="OneFieldBroken{T}"/>, which breaks one field of an otherwise valid request, so every
/// field's own check is reached.
/// </summary>
public static class BrokenValues
{
    /// <summary>Text that breaks a field's rules: empty, blank, control characters, any UTF-16, very long ASCII and CJK.</summary>
    public static readonly Gen<string> Junk = Gen.OneOf(
        Gen.OneOf("", " ", "\0", "\r\n", "null", "-1", "💥", "%00", "../.."),
        Gen.String[0, 40],
        Gen.Int[65, 5_000].Select(n => new string('9', n)),
        Gen.Int[65, 1_500].Select(n => new string('医', n)));

    /// <summary>Division codes: the test city most often, then other real ones, codes of the wrong length or digits, junk.</summary>
    public static readonly Gen<string> Admdvs = Gen.Frequency(
        (4, Gen.Const(World.City)),
        (2, Gen.OneOf("140700", "110100", "140181", "140000", "000000", "999900", "1401", "1401000", "14010a", "001234", "١٤٠١٠٠")),
        (1, Junk));

    /// <summary>"yyyy-MM-dd" dates: valid ones, the edges of the accepted range and beyond, impossible days, other formats, junk.</summary>
    public static readonly Gen<string> Date = Gen.Frequency(
        (3, Gen.OneOf("2026-06-10", "2026-01-01", "2027-01-01")),
        (2, Gen.OneOf("9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", "1900-01-01", "2199-12-31", "2026-02-30", "2026-13-01", "26-06-10", "2026/06/10", World.VisitTime)),
        (1, Junk));

    /// <summary>"yyyy-MM-dd HH:mm:ss" times, valid and broken the same ways as <see cref="Date"/>.</summary>
    public static readonly Gen<string> Time = Gen.Frequency(
        (3, Gen.Const(World.VisitTime)),
        (2, Gen.OneOf("0001-01-01 00:00:00", "9999-12-31 23:59:59", "2199-12-31 23:59:59", "1900-01-01 00:00:00", "2026-06-10 24:00:00", "2026-06-10T09:00:00", "2026-06-10")),
        (1, Junk));

    /// <summary>Amounts, prices, quantities and versions: ordinary ones, zero, negative ones and the edges of int64.</summary>
    public static readonly Gen<long> Amount = Gen.Frequency(
        (3, Gen.Long[0, 10_000_000_000]),
        (1, Gen.OneOf(long.MinValue, long.MaxValue, -1L, 0L, long.MaxValue / 2)),
        (1, Gen.Long));

    /// <summary>Any string field broken any way: junk, a division code, a date or a time where something else belongs.</summary>
    public static readonly Gen<string> Text = Gen.Frequency((2, Junk), (1, Admdvs), (1, Date), (1, Time));

    /// <summary>Bodies that are no message of any method: a zero tag, a truncated varint, a length past the end, a bad wire type, unclosed groups.</summary>
    public static readonly IReadOnlyList<byte[]> Unparsable =
    [
        [0x00],
        [0x08],
        [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
        [0x0F],
        [.. Enumerable.Repeat((byte)0x0B, 200)],
    ];

    /// <summary>
    /// HTTP/2 bodies that are not one gRPC frame (compressed flag, 4-byte length, message): a header cut short, a message
    /// shorter than its length, bytes after the message, a compressed flag without an encoding, a flag gRPC does not define.
    /// </summary>
    public static readonly IReadOnlyList<byte[]> NotFrames =
    [
        [0x00, 0x00, 0x00],
        [0x00, 0x00, 0x00, 0x00, 0x0A, 0x01, 0x02],
        [0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
        [0x01, 0x00, 0x00, 0x00, 0x01, 0x00],
        [0x07, 0x00, 0x00, 0x00, 0x01, 0x00],
    ];

    /// <summary>Garbage bodies: random bytes short and long, bodies no parser reads, real messages of other methods cut anywhere.</summary>
    public static readonly Gen<byte[]> Garbage = Gen.Frequency(
        (3, Gen.Byte.Array[0, 64]),
        (1, Gen.Byte.Array[64, 4_096]),
        (1, Gen.OneOf(Unparsable.ToArray())),
        (2, from message in Gen.OneOf(OtherMessages()) from cut in Gen.Int[0, 120] select message[..Math.Min(cut, message.Length)]));

    /// <summary>Mostly one of <paramref name="valid"/>, else junk: a request often passes its first checks and fails deeper.</summary>
    public static Gen<string> Mostly(params string[] valid) => Gen.Frequency((3, Gen.OneOf(valid)), (1, Junk));

    /// <summary>Mostly a defined value, else any number at all: protobuf carries unknown enum values as they are.</summary>
    public static Gen<T> Code<T>(params T[] defined)
        where T : struct, Enum => Gen.Frequency((3, Gen.OneOf(defined)), (1, Gen.Int.Select(i => (T)Enum.ToObject(typeof(T), i))));

    /// <summary>
    /// <paramref name="valid"/>'s request (made anew for every case, so a msgid stays fresh) with exactly one field broken,
    /// found by reflection over the message: a string made junk, a number at an edge, an enum value no one defined, a
    /// sub-message cleared or one of its fields broken, a list given a broken element.
    /// </summary>
    public static Gen<T> OneFieldBroken<T>(Func<T> valid)
        where T : IMessage<T>, new() =>
        from breakIt in Breaks(new T().Descriptor, depth: 0)
        select Broken(valid(), breakIt);

    private static T Broken<T>(T message, Action<IMessage> breakIt)
        where T : IMessage<T>
    {
        breakIt(message);
        return message;
    }

    private static Gen<Action<IMessage>> Breaks(MessageDescriptor message, int depth) =>
        Gen.OneOf(message.Fields.InDeclarationOrder().Select(f => Break(f, depth)).ToArray());

    private static Gen<Action<IMessage>> Break(FieldDescriptor field, int depth)
    {
        var accessor = field.Accessor;
        if (field.FieldType != FieldType.Message)
        {
            return field.IsRepeated
                ? ValueOf(field).Select(v => (Action<IMessage>)(m => ((IList)accessor.GetValue(m)).Add(v)))
                : ValueOf(field).Select(v => (Action<IMessage>)(m => accessor.SetValue(m, v)));
        }

        if (depth > 0)
        {
            return Gen.Const<Action<IMessage>>(m => accessor.Clear(m));
        }

        var inner = Breaks(field.MessageType, depth + 1);
        return field.IsRepeated
            ? inner.Select(b => (Action<IMessage>)(m => BreakElement((IList)accessor.GetValue(m), field.MessageType, b)))
            : Gen.Frequency(
                (1, Gen.Const<Action<IMessage>>(m => accessor.Clear(m))),
                (3, inner.Select(b => (Action<IMessage>)(m => BreakInner(m, field, b)))));
    }

    // The first element broken, or a broken new one when the list is empty.
    private static void BreakElement(IList list, MessageDescriptor type, Action<IMessage> breakIt)
    {
        if (list.Count == 0)
        {
            list.Add(type.Parser.ParseFrom(ByteString.Empty));
        }

        breakIt((IMessage)list[0]!);
    }

    private static void BreakInner(IMessage message, FieldDescriptor field, Action<IMessage> breakIt)
    {
        var inner = (IMessage?)field.Accessor.GetValue(message) ?? field.MessageType.Parser.ParseFrom(ByteString.Empty);
        breakIt(inner);
        field.Accessor.SetValue(message, inner);
    }

    private static Gen<object> ValueOf(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => Text.Select(v => (object)v),
        FieldType.Int64 => Amount.Select(v => (object)v),
        FieldType.Int32 => Gen.Int.Select(v => (object)v),
        FieldType.Bool => Gen.Bool.Select(v => (object)v),
        FieldType.Enum => Gen.Int.Select(v => Enum.ToObject(field.EnumType.ClrType, v)),
        _ => throw new NotSupportedException($"{field.FullName}: no broken values for {field.FieldType}"),
    };

    /// <summary>Real messages of other methods: well-formed protobuf, read by a method that expects another message.</summary>
    private static byte[][] OtherMessages() =>
    [
        new SettleRequest { Msgid = "H14010000001202606151000000001", FixmedinsCode = "H14010000001", PsnNo = "P1", InsuplcAdmdvs = "140100", MdtrtId = "M1" }.ToByteArray(),
        new UploadFeesRequest { FeeLines = { World.Line("1", World.ClassA, 12.34m, 2m) } }.ToByteArray(),
        new Filing { FilingId = "F1", Version = 7, Begndate = "2026-06-01", UpdatedAt = World.VisitTime }.ToByteArray(),
        new PublishCatalogRequest { CatalogVersion = "x", Entries = { World.Catalog } }.ToByteArray(),
        new AdjudicateRequest { Commit = true, Visit = new VisitSummary { MedfeeSumamt = long.MaxValue } }.ToByteArray(),
    ];
}
