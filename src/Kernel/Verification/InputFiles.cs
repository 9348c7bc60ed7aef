namespace LiveShop.Kernel.Verification;

/// <summary>Reads an input file, turning every I/O failure into an <see cref="InvalidInputException"/>.</summary>
internal static class InputFiles
{
    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidInputException($"{path}: {what} file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InvalidInputException($"{path}: {what} file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException($"{path}: cannot read {what} file: {e.Message}", e);
        }
    }
}
