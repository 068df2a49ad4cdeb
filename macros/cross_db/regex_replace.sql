{% macro regex_replace(expression, pattern, replacement, all=true, ignore_case=false, replacement_sql=none) -%}
    {{ return(adapter.dispatch('regex_replace')(expression, pattern, replacement, all, ignore_case, replacement_sql)) }}
{%- endmacro %}

{% macro default__regex_replace(expression, pattern, replacement, all=true, ignore_case=false, replacement_sql=none) -%}
    {#- regexp_replace with flags: 'g' replaces every match (else the first only), 'i'
        ignores case. The replacement refers to groups as \1..\9. -#}
    {%- set flags = ('g' if all else '') ~ ('i' if ignore_case else '') -%}
    regexp_replace({{ expression }}, {{ regex_literal(pattern) }}, {{ replacement_sql or regex_literal(replacement) }}{% if flags %}, '{{ flags }}'{% endif %})
{%- endmacro %}

{% macro spark__regex_replace(expression, pattern, replacement, all=true, ignore_case=false, replacement_sql=none) -%}
    {#- Spark's regexp_replace always replaces every match and names groups $1..$9. Only the
        first match: a lazy group takes everything before it (groups renumbered by one);
        a pattern anchored with ^ has one match anyway. Case: the inline flag (?i). -#}
    {%- set first_only = not all and not pattern.startswith('^') -%}
    {%- set shift = 1 if first_only else 0 -%}
    {%- set java_pattern = ('(?s)^(.*?)(?:' ~ pattern ~ ')') if first_only else pattern -%}
    {%- set java_pattern = ('(?i)' ~ java_pattern) if ignore_case else java_pattern -%}
    {%- if replacement_sql is none -%}
        {#- \N -> $N (shifted), and a literal $ escaped for Java -#}
        {%- set parts = modules.re.split('(\\\\[0-9])', replacement | replace('$', '\\$')) -%}
        {%- set pieces = ['$1'] if shift else [] -%}
        {%- for part in parts -%}
            {%- if loop.index is even -%}
                {%- do pieces.append('$' ~ (part[1:] | int + shift)) -%}
            {%- else -%}
                {%- do pieces.append(part) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set replacement_code = regex_literal(pieces | join('')) -%}
    {%- elif shift -%}
        {%- set replacement_code = "concat('$1', " ~ replacement_sql ~ ")" -%}
    {%- else -%}
        {%- set replacement_code = replacement_sql -%}
    {%- endif -%}
    regexp_replace({{ expression }}, {{ regex_literal(java_pattern) }}, {{ replacement_code }})
{%- endmacro %}
