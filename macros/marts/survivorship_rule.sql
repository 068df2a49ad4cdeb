{% macro survivorship_rule(settings, attribute) -%}
    {{ return(adapter.dispatch('survivorship_rule')(settings, attribute)) }}
{%- endmacro %}

{% macro default__survivorship_rule(settings, attribute) -%}
    {#- The rule for one attribute from the var cdp_survivorship mapping:
        {strategy, source_priority}. An attribute without its own entry uses
        source_priority; one without its own list uses the global list. -#}
    {%- set settings = settings or {} -%}
    {%- set rule = (settings.get('attributes') or {}).get(attribute) or {} -%}
    {%- if rule is string -%}{%- set rule = {'strategy': rule} -%}{%- endif -%}
    {{ return({
        'strategy': rule.get('strategy', 'source_priority'),
        'source_priority': rule.get('source_priority') or settings.get('source_priority') or []
    }) }}
{%- endmacro %}
