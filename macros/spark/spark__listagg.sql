{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {#- dbt-spark's listagg drops the order by (collect_list keeps whatever order the rows
        arrive in), so a list of sources or products would change from run to run. Here the
        values are collected with their sort keys, sorted, and joined: the same text as
        string_agg(... order by ...) on the other engines. Ascending keys only. -#}
    {%- if not order_by_clause -%}
        {%- set collected = 'collect_list(' ~ measure ~ ')' -%}
    {%- else -%}
        {%- set keys = modules.re.sub('^\s*order\s+by\s+', '', order_by_clause, flags=modules.re.I).split(',') | map('trim') | list -%}
        {%- for key in keys -%}
            {%- if modules.re.search('\s(desc|asc|nulls)\b', key, flags=modules.re.I) -%}
                {{ exceptions.raise_compiler_error("spark__listagg sorts ascending by plain expressions only, got: " ~ order_by_clause) }}
            {%- endif -%}
        {%- endfor -%}
        {%- set pairs -%}
            collect_list(named_struct(
                {%- for key in keys %}
                'sort_key_{{ loop.index }}', {{ key }},
                {%- endfor %}
                'listagg_value', {{ measure }}
            ))
        {%- endset -%}
        {%- set collected = 'transform(array_sort(' ~ pairs ~ '), entry -> entry.listagg_value)' -%}
    {%- endif -%}
    {%- if limit_num -%}
        {%- set collected = 'slice(' ~ collected ~ ', 1, ' ~ limit_num ~ ')' -%}
    {%- endif -%}
    array_join({{ collected }}, {{ delimiter_text }})
{%- endmacro %}
