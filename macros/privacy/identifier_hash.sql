{% macro identifier_hash(identifier_type, identifier_value) -%}
    {{ return(adapter.dispatch('identifier_hash')(identifier_type, identifier_value)) }}
{%- endmacro %}

{% macro default__identifier_hash(identifier_type, identifier_value) -%}
    {#- SHA-256 (hex) of '<type>:<normalized value>'; the type keeps an email and a phone that
        happen to share a string apart. Null when the value is null. -#}
    case
        when {{ identifier_value }} is not null
            then {{ sha256_hex(identifier_type ~ " || ':' || " ~ identifier_value) }}
    end
{%- endmacro %}
