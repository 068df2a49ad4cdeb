{% macro segment_operator_sql(column_sql, operator, value, segment_name, subject) -%}
    {{ return(adapter.dispatch('segment_operator_sql')(column_sql, operator, value, segment_name, subject)) }}
{%- endmacro %}

{% macro default__segment_operator_sql(column_sql, operator, value, segment_name, subject) -%}
    {#- One comparison as a SQL boolean. top_percent / bottom_percent need a ranking over all
        customers and are compiled by segment_condition_sql, not here. -#}
    {%- set where = "Segment '" ~ segment_name ~ "', " ~ subject ~ ": " -%}
    {%- set comparisons = {'=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>='} -%}
    {%- if operator in comparisons -%}
        {{ return(column_sql ~ ' ' ~ comparisons[operator] ~ ' ' ~ segment_literal(value, segment_name)) }}
    {%- elif operator in ('in', 'not_in') -%}
        {%- if value is string or value is not iterable or value is mapping or value | length == 0 -%}
            {{ exceptions.raise_compiler_error(where ~ "operator '" ~ operator ~ "' needs a non-empty list as value") }}
        {%- endif -%}
        {%- set literals = [] -%}
        {%- for item in value -%}
            {%- do literals.append(segment_literal(item, segment_name)) -%}
        {%- endfor -%}
        {{ return(column_sql ~ (' not in (' if operator == 'not_in' else ' in (') ~ literals | join(', ') ~ ')') }}
    {%- elif operator == 'between' -%}
        {%- if value is string or value is not iterable or value is mapping or value | length != 2 -%}
            {{ exceptions.raise_compiler_error(where ~ "operator 'between' needs a list of two values [low, high]") }}
        {%- endif -%}
        {{ return(column_sql ~ ' between ' ~ segment_literal(value[0], segment_name) ~ ' and ' ~ segment_literal(value[1], segment_name)) }}
    {%- elif operator in ('is_null', 'is_not_null') -%}
        {%- if value is not none -%}
            {{ exceptions.raise_compiler_error(where ~ "operator '" ~ operator ~ "' takes no value") }}
        {%- endif -%}
        {{ return(column_sql ~ (' is null' if operator == 'is_null' else ' is not null')) }}
    {%- elif operator in ('contains', 'starts_with') -%}
        {%- if value is not string or value | length == 0 -%}
            {{ exceptions.raise_compiler_error(where ~ "operator '" ~ operator ~ "' needs a non-empty text value") }}
        {%- endif -%}
        {%- set as_text = 'cast(' ~ column_sql ~ ' as ' ~ dbt.type_string() ~ ')' -%}
        {%- if operator == 'contains' -%}
            {{ return('position(' ~ segment_literal(value, segment_name) ~ ' in ' ~ as_text ~ ') > 0') }}
        {%- else -%}
            {{ return('substr(' ~ as_text ~ ', 1, ' ~ (value | length) ~ ') = ' ~ segment_literal(value, segment_name)) }}
        {%- endif -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            where ~ "unknown operator '" ~ operator ~ "'; use one of =, !=, <, <=, >, >=, in, not_in, "
            ~ "between, is_null, is_not_null, contains, starts_with, top_percent, bottom_percent"
        ) }}
    {%- endif -%}
{%- endmacro %}
