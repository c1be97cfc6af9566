using System.Runtime.CompilerServices;

// The storage tests drive every script's every reply through the reply tables (CONVENTIONS.md: the middle layer).
[assembly: InternalsVisibleTo("Adjudication.Storage.Tests")]
