{% macro identity_type_settings() -%}
    {{ return(adapter.dispatch('identity_type_settings')()) }}
{%- endmacro %}

{% macro default__identity_type_settings() -%}
    {#- A select of var cdp_identity_identifier_types, one row per identifier type:
        identifier_type, priority, is_strong, is_account, max_per_customer (null = no
        limit), supernode_threshold (null = none), has_name_check. -#}
    {%- for identifier_type, settings in var('cdp_identity_identifier_types').items() %}
    select
        cast('{{ identifier_type }}' as {{ dbt.type_string() }}) as identifier_type,
        cast({{ settings.get('priority', 0) }} as integer) as priority,
        {{ 'true' if settings.get('is_strong', true) else 'false' }} as is_strong,
        {{ 'true' if settings.get('account', false) else 'false' }} as is_account,
        cast({{ settings.get('max_per_customer') if settings.get('max_per_customer') is not none else 'null' }} as integer)
            as max_per_customer,
        cast({{ settings.get('supernode_threshold') if settings.get('supernode_threshold') is not none else 'null' }} as integer)
            as supernode_threshold,
        {{ 'true' if settings.get('name_check', false) else 'false' }} as has_name_check
    {{ 'union all' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
