namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>apply_bookings.lua</c> (DESIGN.md §11); the reply's second element counts the rows newly booked.</summary>
public enum ApplyBookingsResult
{
    /// <summary><c>applied</c>: every row is booked, each once.</summary>
    Applied,
}
