using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using AdmdvsCode = Adjudication.Domain.Divisions.Admdvs;

namespace Adjudication.Node.Security;

/// <summary>
/// Who a caller is, as its certificate says (DESIGN.md §8). The identity sits in the certificate as one URI subject
/// alternative name, <c>adjudication://KIND/ID</c> with <c>?admdvs=DIVISION</c> for an agency (the city or province it
/// serves, required) and optionally for an institution (its city); for example
/// <c>adjudication://institution/H14010000001?admdvs=140100</c>, <c>adjudication://agency/A14010000001?admdvs=140100</c>,
/// <c>adjudication://node/M-140100</c>, <c>adjudication://operator/ops-1</c>. The same URI travels in the
/// <c>adjudication-caller</c> header of a relayed call.
/// </summary>
public sealed record CallerIdentity(IdentityKind Kind, string Id, string? Admdvs = null)
{
    /// <summary>The URI scheme of an identity.</summary>
    public const string Scheme = "adjudication";

    /// <summary>Longest id an identity may carry.</summary>
    public const int MaxIdLength = 64;

    private static readonly ConditionalWeakTable<X509Certificate2, CallerIdentity?> FromCertificates = new();

    /// <summary>Shorthand for an institution.</summary>
    public static CallerIdentity Institution(string fixmedinsCode, string? city = null) => new(IdentityKind.Institution, fixmedinsCode, city);

    /// <summary>Shorthand for an agency serving <paramref name="admdvs"/>.</summary>
    public static CallerIdentity Agency(string code, string admdvs) => new(IdentityKind.Agency, code, admdvs);

    /// <summary>Shorthand for a node.</summary>
    public static CallerIdentity Node(string id) => new(IdentityKind.Node, id);

    /// <summary>Shorthand for an operator.</summary>
    public static CallerIdentity Operator(string name) => new(IdentityKind.Operator, name);

    /// <summary>The identity as its URI.</summary>
    public string ToUri() => Admdvs is null
        ? $"{Scheme}://{KindName(Kind)}/{Id}"
        : $"{Scheme}://{KindName(Kind)}/{Id}?admdvs={Admdvs}";

    /// <summary>For messages: "institution H14010000001 of 140100".</summary>
    public override string ToString() => Admdvs is null ? $"{KindName(Kind)} {Id}" : $"{KindName(Kind)} {Id} of {Admdvs}";

    /// <summary>Parses an identity URI; false for anything that is not exactly one well-formed identity.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CallerIdentity? identity)
    {
        identity = null;
        if (text is null || text.Length > 256 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Scheme)
        {
            return false;
        }

        var kind = uri.Host switch
        {
            "institution" => IdentityKind.Institution,
            "agency" => IdentityKind.Agency,
            "node" => IdentityKind.Node,
            "operator" => IdentityKind.Operator,
            _ => (IdentityKind?)null,
        };
        var id = uri.AbsolutePath.TrimStart('/');
        if (kind is null || id.Length is 0 or > MaxIdLength || id.Contains('/', StringComparison.Ordinal) || !IsIdText(id))
        {
            return false;
        }

        string? admdvs = null;
        if (uri.Query.Length > 0)
        {
            const string prefix = "?admdvs=";
            if (!uri.Query.StartsWith(prefix, StringComparison.Ordinal) || !AdmdvsCode.IsValid(admdvs = uri.Query[prefix.Length..]))
            {
                return false;
            }
        }

        if (kind == IdentityKind.Agency && admdvs is null)
        {
            return false;
        }

        identity = new CallerIdentity(kind.Value, id, admdvs);
        return true;
    }

    /// <summary>
    /// The identity a certificate carries in its URI subject alternative names; null when it carries none or more
    /// than one. Parsed once per certificate object (a connection keeps its certificate).
    /// </summary>
    public static CallerIdentity? FromCertificate(X509Certificate2 certificate) =>
        FromCertificates.GetValue(certificate, static c =>
        {
            CallerIdentity? found = null;
            foreach (var extension in c.Extensions)
            {
                if (extension is X509SubjectAlternativeNameExtension san)
                {
                    foreach (var uri in UriNames(san))
                    {
                        if (TryParse(uri, out var parsed))
                        {
                            if (found is not null)
                            {
                                return null;
                            }

                            found = parsed;
                        }
                    }
                }
            }

            return found;
        });

    private static string KindName(IdentityKind kind) => kind switch
    {
        IdentityKind.Institution => "institution",
        IdentityKind.Agency => "agency",
        IdentityKind.Node => "node",
        _ => "operator",
    };

    private static bool IsIdText(string id)
    {
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    // .NET decodes DNS names and IP addresses of a SAN extension but not URIs; a URI is context tag [6] (RFC 5280 4.2.1.6).
    private static List<string> UriNames(X509SubjectAlternativeNameExtension san)
    {
        var reader = new System.Formats.Asn1.AsnReader(san.RawData, System.Formats.Asn1.AsnEncodingRules.DER);
        var names = reader.ReadSequence();
        var uris = new List<string>();
        var uriTag = new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 6);
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag == uriTag)
            {
                uris.Add(names.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, uriTag));
            }
            else
            {
                names.ReadEncodedValue();
            }
        }

        return uris;
    }
}
