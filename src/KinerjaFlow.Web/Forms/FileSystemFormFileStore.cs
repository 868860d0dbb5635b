using Microsoft.Extensions.Options;

namespace KinerjaFlow.Web.Forms;

/// <summary>
/// Keeps uploaded files in a folder, one file per upload named by a fresh id (never by the
/// user's file name, which is kept only in the reference). Size is checked while copying, so a
/// client that lies about the length is still cut off at the limit.
/// </summary>
public sealed class FileSystemFormFileStore : IFormFileStore
{
    private readonly string _root;

    public FileSystemFormFileStore(IOptions<FormFileStoreOptions> options, IHostEnvironment environment)
    {
        var path = options.Value.Path;
        _root = Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
    }

    /// <inheritdoc/>
    public async Task<FormFileReference> SaveAsync(Stream content, string fileName, string contentType, FormFileLimits limits, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName);
        if (name.Length == 0 || !limits.Accepts(name, contentType))
        {
            var accepted = string.Join(", ", limits.Accept);
            throw new FormFileRefusedException(
                $"Jenis berkas '{name}' ({contentType}) tidak diterima; yang diterima: {accepted}.",
                $"The file type of '{name}' ({contentType}) is not accepted; accepted: {accepted}.");
        }

        Directory.CreateDirectory(_root);
        var id = Guid.CreateVersion7().ToString("N");
        var path = Path.Combine(_root, id);
        long size = 0;
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > limits.MaxBytes)
                        throw TooLarge(name, limits);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new FormFileReference(id, name, size, contentType);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<Stream?> OpenAsync(string id, CancellationToken cancellationToken)
    {
        // Ids are ours (32 hex digits); anything else could walk out of the folder.
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigit))
            return Task.FromResult<Stream?>(null);
        var path = Path.Combine(_root, id);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    internal static FormFileRefusedException TooLarge(string name, FormFileLimits limits)
    {
        var mb = (limits.MaxBytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return new FormFileRefusedException(
            $"Berkas '{name}' melebihi batas {mb} MB.",
            $"The file '{name}' is larger than the {mb} MB limit.");
    }
}
