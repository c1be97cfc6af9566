namespace Adjudication.Node.Security;

/// <summary>What a caller is (DESIGN.md §8); the first path segment of its identity URI.</summary>
public enum IdentityKind
{
    /// <summary>A designated hospital or pharmacy (定点医药机构), named by its <c>fixmedins_code</c>.</summary>
    Institution,

    /// <summary>An insurance agency (经办机构), named by its code and the division (city or province) it serves.</summary>
    Agency,

    /// <summary>A node of the network, named by its topology id.</summary>
    Node,

    /// <summary>A person operating the network: diagnostics and counters.</summary>
    Operator,
}
