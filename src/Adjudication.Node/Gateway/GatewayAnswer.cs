using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Adjudication.Node.Gateway;

/// <summary>
/// Writes the response envelope of the national interface (NATIONAL-INTERFACE.md §1.2): infcode 0 or −1,
/// inf_refmsgid (this node's division, the time and a serial), refmsg_time and respond_time, err_msg, output.
/// Money is written as yuan with its two decimals (12.30, never 12.3), straight to the response body.
/// </summary>
internal static class GatewayAnswer
{
    /// <summary>Writes the properties of the output object.</summary>
    public delegate void Output(Utf8JsonWriter writer);

    private const long SerialModulus = 10_000_000_000;

    // Names and messages in Chinese are written as they are (valid JSON); the answer is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static long _serial;

    /// <summary>Writes an answer: <paramref name="refusal"/> null for success with <paramref name="output"/>.</summary>
    public static async Task WriteAsync(HttpResponse response, int status, string admdvs, DateTimeOffset received, DateTimeOffset now, GatewayRefusal? refusal, Output? output)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var serial = Interlocked.Increment(ref _serial) % SerialModulus;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, Options);
        writer.WriteStartObject();
        writer.WriteNumber("infcode", refusal is null ? 0 : -1);
        writer.WriteString("inf_refmsgid", string.Create(CultureInfo.InvariantCulture, $"{admdvs}{now:yyyyMMddHHmmss}{serial:D10}"));
        writer.WriteString("refmsg_time", received.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
        writer.WriteString("respond_time", now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
        writer.WriteString("err_msg", refusal?.ErrMsg ?? string.Empty);
        writer.WriteStartObject("output");
        output?.Invoke(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>An amount in fen as yuan with two decimals.</summary>
    public static void Money(this Utf8JsonWriter writer, string name, long fen) => writer.WriteNumber(name, NationalNumbers.Yuan(fen));
}
