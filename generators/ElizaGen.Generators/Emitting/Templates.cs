using System;
using System.Globalization;
using System.IO;
using Scriban;
using Scriban.Runtime;

namespace ElizaGen.Generators.Emitting;

/// <summary>The Scriban templates, embedded as resources, parsed once and reused; rendering is culture-invariant.</summary>
internal static class Templates
{
    private static readonly Lazy<Template> _repository = new(() => Load("Repository.scriban"));
    private static readonly Lazy<Template> _tablePartial = new(() => Load("TablePartial.scriban"));
    private static readonly Lazy<Template> _pluginSchema = new(() => Load("PluginSchema.scriban"));

    public static string Repository(object model) => Render(_repository.Value, model);

    public static string TablePartial(object model) => Render(_tablePartial.Value, model);

    public static string PluginSchema(object model) => Render(_pluginSchema.Value, model);

    private static string Render(Template template, object model)
    {
        var globals = new ScriptObject();
        globals.Import(model, renamer: member => member.Name);
        var context = new TemplateContext
        {
            MemberRenamer = member => member.Name,
            StrictVariables = true,
            LoopLimit = 0,
            NewLine = "\n",
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        return template.Render(context).Replace("\r\n", "\n");
    }

    private static Template Load(string name)
    {
        var assembly = typeof(Templates).Assembly;
        using var stream = assembly.GetManifestResourceStream("ElizaGen.Generators.Templates." + name)
            ?? throw new InvalidOperationException("Template resource " + name + " is missing from the generator assembly.");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException("Template " + name + " does not parse: " + string.Join("; ", template.Messages));
        }
        return template;
    }
}
