{#- One row per customer, profile attribute and source record holding a value for it: the
    candidates the golden record (customers) chooses from, with what the survivorship
    strategies rank on (how many of the customer's records agree on the value, when the
    value was last seen, how long it is). -#}

{%- set attributes = [
    'email', 'phone', 'first_name', 'last_name', 'birth_date',
    'address_line1', 'city', 'postcode', 'country_code'
] %}

with

records as (

    select * from {{ ref('int_identity__records') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

attribute_values as (

    {% for attribute in attributes %}
        select
            records.source_name,
            records.record_id,
            '{{ attribute }}' as attribute_name,
            cast(records.{{ attribute }} as {{ dbt.type_string() }}) as attribute_value,
            records.observed_at
        from records
        where records.{{ attribute }} is not null
        {{ 'union all' if not loop.last }}
    {% endfor %}

),

with_customer as (

    select
        record_map.customer_id,
        attribute_values.attribute_name,
        attribute_values.attribute_value,
        attribute_values.source_name,
        attribute_values.record_id,
        attribute_values.observed_at
    from attribute_values
    inner join record_map
        on
            attribute_values.source_name = record_map.source_name
            and attribute_values.record_id = record_map.record_id
    where attribute_values.attribute_value <> ''

),

final as (

    select
        with_customer.customer_id,
        with_customer.attribute_name,
        with_customer.attribute_value,
        with_customer.source_name,
        with_customer.record_id,
        with_customer.observed_at,
        count(*) over (
            partition by
                with_customer.customer_id,
                with_customer.attribute_name,
                with_customer.attribute_value
        ) as value_frequency,
        max(with_customer.observed_at) over (
            partition by
                with_customer.customer_id,
                with_customer.attribute_name,
                with_customer.attribute_value
        ) as value_last_observed_at,
        length(with_customer.attribute_value) as value_length
    from with_customer

)

select * from final
