{% macro safe_cast(column_name, data_type) -%}
    {{ return(adapter.dispatch('safe_cast')(column_name, data_type)) }}
{%- endmacro %}

{% macro default__safe_cast(column_name, data_type) -%}
    {#- The value cast to data_type, or null when it does not read as one (PostgreSQL has no
        try_cast, so the text is checked first; the same checks run on DuckDB so that both
        engines agree). Integers: optional sign and digits (at most 18); decimals: also a
        fraction and exponent; booleans: true/false/t/f/yes/no/y/n/1/0; dates: a real day
        as YYYY-MM-DD; timestamps: such a day and an optional time 00:00:00-23:59:59.
        Other types are cast as they are. -#}
    {%- set type = data_type | lower | trim -%}
    {%- set text -%}lower(trim(cast({{ column_name }} as {{ dbt.type_string() }}))){%- endset -%}
    {%- if type in ('int', 'integer', 'bigint', 'smallint', 'int4', 'int8', 'int2') -%}
        case when {{ regex_matches(text, '^[+-]?[0-9]{1,18}$') }} then cast({{ text }} as {{ data_type }}) end
    {%- elif type.startswith('decimal') or type.startswith('numeric') or type in ('double', 'double precision', 'float', 'real') -%}
        case
            when {{ regex_matches(text, '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?$') }}
                then cast({{ text }} as {{ data_type }})
        end
    {%- elif type in ('boolean', 'bool') -%}
        case
            when {{ text }} in ('true', 't', 'yes', 'y', '1') then true
            when {{ text }} in ('false', 'f', 'no', 'n', '0') then false
        end
    {%- elif type == 'date' -%}
        case
            when {{ regex_matches('substr(' ~ text ~ ', 1, 10)', valid_iso_date_pattern()) }} and length({{ text }}) = 10
                then cast({{ text }} as date)
        end
    {%- elif type.startswith('timestamp') -%}
        case
            when {{ regex_matches('substr(' ~ text ~ ', 1, 10)', valid_iso_date_pattern()) }}
                and {{ regex_matches('substr(' ~ text ~ ', 11)', '^([ t]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?)?$') }}
                then cast(replace({{ text }}, 't', ' ') as {{ data_type }})
        end
    {%- else -%}
        cast({{ column_name }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__safe_cast(column_name, data_type) -%}
    {#- dbt-spark ships a spark__safe_cast (a plain cast, which on Spark turns bad text into
        null without these checks, and 3.14 into the integer 3); dispatch would find it before
        default__, so the project's checks are named here for Spark. -#}
    {{ return(default__safe_cast(column_name, data_type)) }}
{%- endmacro %}
