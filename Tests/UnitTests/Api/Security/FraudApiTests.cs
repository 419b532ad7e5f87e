using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.Grains.Fraud;
using LeadRecs.Ranking.Domain;
using LeadRecs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRecs.UnitTests.Api.Security;

/// <summary>The fraud filter behind POST /api/events: flagged events are logged but count for nothing, and admins see who.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class FraudApiTests(SecuredApiFactory factory)
{
    private static int _spots;

    private static object[] Events(string user, string p, DateTimeOffset start, int from, int count, double gapSeconds) =>
        Enumerable.Range(from, count)
            .Select(i => (object)new
            {
                userId = user, leadId = $"{p}-l{i % 3}", kind = "view", eventId = $"{p}-{user}-e{i}",
                at = start.AddSeconds(i * gapSeconds + i * 7 % 5 * gapSeconds / 5),
            })
            .ToArray();

    [Fact]
    public async Task A_bot_is_logged_flagged_kept_out_of_popularity_and_listed_for_admins()
    {
        var http = factory.CreateClient();
        var p = Guid.NewGuid().ToString("N")[..8];
        var n = Interlocked.Increment(ref _spots);
        var leads = Enumerable.Range(0, 3).Select(i => new { id = $"{p}-l{i}", lat = 30 + n * 0.5 + i * 0.001, lon = -40.0, price = 300_000, kind = "condo" });
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/leads", leads)).StatusCode);
        var log = factory.Services.GetRequiredService<IInteractionLog>();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);

        var measured = new List<(string Instrument, long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FraudMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }
            lock (measured)
            {
                measured.Add((instrument.Name, value, reason));
            }
        });
        listener.Start();

        // A person: a handful of views minutes apart. A bot: forty views about 1.5 s apart, in two requests.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/events", Events($"{p}-person", p, start, 0, 6, 150))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/events", Events($"{p}-bot", p, start, 0, 20, 1.5))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/events", Events($"{p}-bot", p, start, 20, 20, 1.5))).StatusCode);

        // Everything is in the log; the bot's events (the first request's too, flagged once the second gave it away) carry a flag.
        var window = await log.ReadAsync(start.AddMinutes(-1), DateTimeOffset.UtcNow, FlaggedInteractions.Include).ToListAsync();
        var mine = window.Where(i => i.UserId.StartsWith(p, StringComparison.Ordinal)).ToList();
        Assert.Equal(46, mine.Count);
        Assert.All(mine.Where(i => i.UserId == $"{p}-bot"), i => Assert.Equal(InteractionFlags.Burst, i.Flags));
        Assert.All(mine.Where(i => i.UserId == $"{p}-person"), i => Assert.Equal(InteractionFlags.None, i.Flags));
        Assert.Equal(6, (await log.ReadAsync(start.AddMinutes(-1), DateTimeOffset.UtcNow).ToListAsync()).Count(i => i.UserId.StartsWith(p, StringComparison.Ordinal)));

        // Only the person counts: six views spread over three leads, the bot's forty are gone from popularity.
        var views = 0L;
        for (var i = 0; i < 3; i++)
        {
            views += (await http.GetFromJsonAsync<JsonElement>($"/api/leads/{p}-l{i}")).GetProperty("views").GetInt64();
        }
        Assert.Equal(6, views);
        // The bot's own features keep the run-up that passed before it was caught (they only rank for the bot itself).
        Assert.Equal(20, (await http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-bot")).GetProperty("interactionCount").GetInt64());
        Assert.Equal(6, (await http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-person")).GetProperty("interactionCount").GetInt64());

        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", SecuredApiFactory.AdminKey);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/flagged-users?limit=1000")).GetProperty("users").EnumerateArray().ToList();
        var bot = Assert.Single(listed, u => u.GetProperty("userId").GetString() == $"{p}-bot");
        Assert.Equal(["burst"], bot.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(40, bot.GetProperty("flaggedEvents").GetInt64());
        Assert.DoesNotContain(listed, u => u.GetProperty("userId").GetString() == $"{p}-person");

        listener.Dispose();
        lock (measured)
        {
            Assert.True(measured.Where(m => m is { Instrument: "leadrecs.fraud.flagged_events", Reason: "burst" }).Sum(m => m.Value) >= 40);
            Assert.Contains(measured, m => m is { Instrument: "leadrecs.fraud.flagged_users", Reason: "burst" });
            Assert.True(measured.Where(m => m.Instrument == "leadrecs.fraud.screened_events").Sum(m => m.Value) >= 46);
        }
    }
}
