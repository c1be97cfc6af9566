using Adjudication.Contracts.V1;
using Adjudication.Node.Hosting;
using Adjudication.Node.ReferenceData;
using Adjudication.Node.Tests.Infrastructure;
using Adjudication.Storage;
using Adjudication.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Tests.ReferenceData;

/// <summary>
/// The agency's person and account desks in memory over a real store (the middle layer, CONVENTIONS.md "Tests"):
/// changes racing on one person all land, each once (DESIGN.md §12).
/// </summary>
public sealed class ReferenceDataDeskTests : IDisposable
{
    private const string City = "140100";
    private readonly PersonStore _persons;
    private readonly PersonDesk _personDesk;
    private readonly AccountDesk _accountDesk;
    private int _msgids;

    public ReferenceDataDeskTests()
    {
        var options = Options.Create(new NodeOptions { Admdvs = City, Redis = new RedisStoreOptions { KeyPrefix = "rdesk" + Guid.NewGuid().ToString("N") } });
        var clock = new FixedClock();
        _persons = new PersonStore(TestRedis.Connection, options.Value.Redis, clock);
        _personDesk = new PersonDesk(_persons, clock, options);
        _accountDesk = new AccountDesk(_persons, clock, options);
    }

    [Fact]
    public async Task Credit_ThirtyAtOnce_BalanceIsTheirSumAndTheJournalHoldsEach()
    {
        // Arrange
        var person = await EnrolAsync("RACE0001");

        // Act: 30 credits of 1.00 to 30.00 yuan, all at once.
        await Task.WhenAll(Enumerable.Range(1, 30).Select(n => _accountDesk.CreditAsync(
            new CreditAccountRequest { Msgid = Msgid(), PsnNo = person.PsnNo, InsuplcAdmdvs = City, Amount = n * 100L })));

        // Assert: 100 × (1 + … + 30) = 46,500 fen; the journal's last balance is the account's.
        var journal = await _accountDesk.JournalAsync(new ListAccountJournalRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = City });
        Assert.Equal(30, journal.Movements.Count);
        Assert.Equal(46_500, journal.Movements.Sum(m => m.Amount));
        Assert.Equal(46_500, journal.Movements[^1].Balc);
        Assert.Equal(46_500, (await _persons.GetAsync(City, person.PsnNo))!.Balance.Fen);
    }

    [Fact]
    public async Task Update_TwoChangesRacing_BothLandEachInTheHistoryOnce()
    {
        // Arrange
        var person = await EnrolAsync("RACE0002");

        // Act: one call ends the insurance, another makes the person a civil servant, at the same time.
        await Task.WhenAll(
            _personDesk.UpdateAsync(new UpdatePersonRequest { Msgid = Msgid(), PsnNo = person.PsnNo, InsuplcAdmdvs = City, InsuredActive = false }),
            _personDesk.UpdateAsync(new UpdatePersonRequest { Msgid = Msgid(), PsnNo = person.PsnNo, InsuplcAdmdvs = City, CvlservFlag = true }));

        // Assert: neither change was computed from a profile the other had already replaced.
        var profile = (await _persons.ReadProfileAsync(City, person.PsnNo))!.Value.Profile;
        Assert.Equal((false, true), (profile.InsuredActive, profile.CivilServant));
        var history = await _personDesk.HistoryAsync(new ListPersonHistoryRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = City });
        Assert.Equal(3, history.Entries.Count);
        Assert.Equal(
            ["cvlserv_flag", "insured_active"],
            history.Entries.Skip(1).Select(e => Assert.Single(e.Changes).Field).Order(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public void Dispose() => _persons.Dispose();

    private async Task<PersonEnrolment> EnrolAsync(string psnNo)
    {
        var person = new PersonEnrolment
        {
            PsnNo = psnNo, InsuplcAdmdvs = City, PsnName = "王建国", Certno = "14010019800101001X", Insutype = Insutype.EmployeeBasic,
            PsnType = PersonType.EmployeeInService, InsuredActive = true,
        };
        var enrolled = await _personDesk.EnrolAsync(new EnrolPersonRequest { Msgid = Msgid(), Person = person });
        Assert.Equal(ChangeOutcome.Enrolled, enrolled.Outcome);
        return person;
    }

    private string Msgid() => $"A1401000000120260615100000{Interlocked.Increment(ref _msgids):D4}";
}
