using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KinerjaFlow.Runtime.Workflows.Background;

/// <summary>Mail settings (<c>KinerjaFlow:Mail</c>): SMTP when a host is set, else a pickup folder of .eml files.</summary>
public sealed class MailOptions
{
    public const string Section = "KinerjaFlow:Mail";

    public string From { get; set; } = "KinerjaFlow <noreply@kinerjaflow.local>";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool SmtpStartTls { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Where messages are written when no SMTP host is set (development, tests, air-gapped pemda servers).</summary>
    public string PickupDirectory { get; set; } = Path.Combine("data", "mail");
}

/// <summary>Sends one e-mail; the id is the outbox message's, so a receiver can drop a redelivery.</summary>
public interface IEmailSender
{
    Task SendAsync(string messageId, IReadOnlyList<(string Name, string Address)> to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>Sends through SMTP, or writes to the pickup folder when no host is configured.</summary>
public sealed class MailKitEmailSender(IOptions<MailOptions> options) : IEmailSender
{
    public async Task SendAsync(string messageId, IReadOnlyList<(string Name, string Address)> to, string subject, string body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body }, MessageId = $"{messageId}@kinerjaflow" };
        message.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var (name, address) in to)
            message.To.Add(new MailboxAddress(name, address));
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            // Written under a temporary name and renamed, so a reader never sees half a message.
            var path = Path.Combine(settings.PickupDirectory, $"{messageId}.eml");
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? string.Empty, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
