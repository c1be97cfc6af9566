namespace Adjudication.Domain.Catalog;

/// <summary>目录类别; values match <c>adjudication.v1.ItemClass</c>.</summary>
public enum ItemClass
{
    /// <summary>Not in the catalog: settles as class C.</summary>
    Unknown = 0,

    /// <summary>甲类: fully in scope.</summary>
    A = 1,

    /// <summary>乙类: in scope after a pre-self-pay share.</summary>
    B = 2,

    /// <summary>丙类: fully self-paid.</summary>
    C = 3,
}
